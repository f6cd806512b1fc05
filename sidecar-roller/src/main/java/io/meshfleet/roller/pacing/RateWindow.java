package io.meshfleet.roller.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A restart budget of {@code limit} pods per minute in the strict form of a token bucket: the bucket
 * holds {@code limit} tokens and a token spent comes back exactly {@value #WINDOW_SECONDS} seconds later.
 * So no 60-second window, wherever it starts, sees more than {@code limit} pods restarted (a classic
 * bucket refilled continuously would allow up to twice the limit in one window), and a budget that is
 * used without pause runs at exactly {@code limit} pods per minute. Not thread-safe.
 */
public final class RateWindow {

    /** The length of the window the limit applies to. */
    public static final long WINDOW_SECONDS = 60;
    private static final Duration WINDOW = Duration.ofSeconds(WINDOW_SECONDS);

    private record Spend(Instant at, int pods) {
    }

    private final Deque<Spend> spends = new ArrayDeque<>();
    private int inWindow;

    /** Pods spent within the window that ends at {@code now} (spends at or before {@code now - 60 s} have returned). */
    public int spent(Instant now) {
        expire(now);
        return inWindow;
    }

    /** Pods that may still be restarted at {@code now} under {@code limit}. */
    public int available(Instant now, int limit) {
        return Math.max(0, limit - spent(now));
    }

    /**
     * Whether {@code pods} may be restarted at {@code now} under {@code limit}. A workload bigger than the
     * whole limit may go only when nothing else was restarted in the last minute, so it is never starved;
     * that is the one case where a window holds more than the limit (the workload alone).
     */
    public boolean allows(Instant now, int pods, int limit) {
        int spent = spent(now);
        return spent + pods <= limit || (pods > limit && spent == 0);
    }

    /**
     * The earliest instant from {@code now} on at which {@code pods} may be restarted under {@code limit},
     * given what is spent so far: now, or when enough spent tokens have come back.
     */
    public Instant earliest(Instant now, int pods, int limit) {
        int spent = spent(now);
        if (spent + pods <= limit || (pods > limit && spent == 0)) {
            return now;
        }
        for (Spend spend : spends) {
            spent -= spend.pods();
            if (spent + pods <= limit || spent == 0) {
                return spend.at().plus(WINDOW);
            }
        }
        return now;
    }

    /** Pods that will still count in the window ending at {@code later} (no later than a minute from the last spend). */
    public int spentAt(Instant later) {
        Instant horizon = later.minus(WINDOW);
        int spent = 0;
        for (Spend spend : spends) {
            if (spend.at().isAfter(horizon)) {
                spent += spend.pods();
            }
        }
        return spent;
    }

    /** Records {@code pods} restarted at {@code at}; spends must come in time order. */
    public void spend(Instant at, int pods) {
        if (pods <= 0) {
            return;
        }
        Spend last = spends.peekLast();
        if (last != null && at.isBefore(last.at())) {
            throw new IllegalArgumentException("spend at " + at + " is older than the last one at " + last.at());
        }
        spends.addLast(new Spend(at, pods));
        inWindow += pods;
    }

    /** Whether nothing is left in the window at {@code now}: the window can be forgotten. */
    public boolean isIdle(Instant now) {
        return spent(now) == 0;
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!spends.isEmpty() && !spends.peekFirst().at().isAfter(horizon)) {
            inWindow -= spends.removeFirst().pods();
        }
    }
}
