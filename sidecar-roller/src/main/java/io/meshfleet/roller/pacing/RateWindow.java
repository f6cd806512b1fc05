package io.meshfleet.roller.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A restart budget of {@code limit} pods per minute in the strict form of a token bucket: the bucket
 * holds {@code limit} tokens and a token spent comes back exactly {@value #WINDOW_SECONDS} seconds later.
 * So no 60-second window, wherever it starts, sees more than {@code limit} pods restarted (a classic
 * bucket refilled continuously would allow up to twice the limit in one window), and a budget that is
 * used without pause runs at exactly {@code limit} pods per minute. Not thread-safe.
 *
 * <p>Where the restart happens later than the decision (the roller decides, an agent executes when the
 * command reaches it), a token may be {@linkplain #hold held}: it counts from the decision on and comes
 * back only 60 s after the restart was {@linkplain #confirm confirmed} executed, so the limit holds at
 * the cluster however late a command arrives. A held token never confirmed comes back 60 s after its
 * deadline (the instant after which the restart can no longer happen: agents refuse expired commands).
 */
public final class RateWindow {

    /** The length of the window the limit applies to. */
    public static final long WINDOW_SECONDS = 60;
    private static final Duration WINDOW = Duration.ofSeconds(WINDOW_SECONDS);

    /** Pods spent at {@code at}; held ones ({@code key} set) count until confirmed or until {@code at} + 60 s. */
    private record Spend(Instant at, int pods, String key) {

        Instant returnsAt() {
            return at.plus(WINDOW);
        }
    }

    private final List<Spend> spends = new ArrayList<>(); // by at, oldest first
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
     * given what is spent so far: now, or when enough spent tokens have come back (a held token at its
     * deadline, the latest it can come back).
     */
    public Instant earliest(Instant now, int pods, int limit) {
        int spent = spent(now);
        if (spent + pods <= limit || (pods > limit && spent == 0)) {
            return now;
        }
        for (Spend spend : spends) { // held ones are kept at their deadline, in order
            spent -= spend.pods();
            if (spent + pods <= limit || spent == 0) {
                return spend.returnsAt();
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

    /** Records {@code pods} restarted at {@code at}. */
    public void spend(Instant at, int pods) {
        add(new Spend(at, pods, null));
    }

    /**
     * Records {@code pods} decided at {@code at} whose restart is not known to have happened yet: they count until
     * {@link #confirm}ed, and at the latest until {@code deadline} + 60 s. {@code key} names the restart for
     * {@link #confirm}.
     */
    public void hold(String key, Instant at, int pods, Instant deadline) {
        if (deadline.isBefore(at)) {
            throw new IllegalArgumentException("deadline " + deadline + " is before the decision at " + at);
        }
        add(new Spend(deadline, pods, key));
    }

    /**
     * The restart held under {@code key} happened no later than {@code executed}: its tokens come back 60 s after
     * that (or after its deadline, if that is earlier). Returns whether such a held restart was found; the oldest
     * one with the key is confirmed.
     */
    public boolean confirm(String key, Instant executed) {
        for (Iterator<Spend> it = spends.iterator(); it.hasNext(); ) {
            Spend spend = it.next();
            if (key.equals(spend.key())) {
                it.remove();
                inWindow -= spend.pods();
                add(new Spend(executed.isBefore(spend.at()) ? executed : spend.at(), spend.pods(), null));
                return true;
            }
        }
        return false;
    }

    /** Whether nothing is left in the window at {@code now}: the window can be forgotten. */
    public boolean isIdle(Instant now) {
        return spent(now) == 0;
    }

    private void add(Spend spend) {
        if (spend.pods() <= 0) {
            return;
        }
        int index = spends.size();
        while (index > 0 && spends.get(index - 1).at().isAfter(spend.at())) {
            index--;
        }
        spends.add(index, spend);
        inWindow += spend.pods();
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!spends.isEmpty() && !spends.get(0).at().isAfter(horizon)) {
            inWindow -= spends.remove(0).pods();
        }
    }
}
