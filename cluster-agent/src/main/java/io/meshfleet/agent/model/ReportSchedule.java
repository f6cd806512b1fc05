package io.meshfleet.agent.model;

import io.meshfleet.events.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides when one cluster's state is reported: on change, once the cluster has been quiet for {@code debounce}
 * (but no later than {@code maxDelay} after the first unreported change, so a cluster that never settles is still
 * reported), and otherwise every {@code heartbeat}; never when nothing changed and no heartbeat is due.
 * Generations increase strictly and start from the clock's epoch milliseconds, so an agent that restarts does
 * not fall behind the generation consumers hold. Not thread-safe: one reporter thread drives it.
 */
public final class ReportSchedule {

    /** Why a report is sent. */
    public enum Cause {
        /** The first report after start. */
        INITIAL,
        /** The content changed and the debounce (or max delay) elapsed. */
        CHANGE,
        /** Nothing changed for a heartbeat interval. */
        HEARTBEAT
    }

    /**
     * A report that is due.
     *
     * @param state the report
     * @param cause why it is sent
     */
    public record Due(ClusterState state, Cause cause) {
    }

    private final String clusterId;
    private final Duration debounce;
    private final Duration maxDelay;
    private final Duration heartbeat;

    private StateContent current;
    private Instant firstUnsentChange;
    private Instant lastChange;
    private StateContent sent;
    private Instant sentAt;
    private long generation;

    public ReportSchedule(String clusterId, Duration debounce, Duration maxDelay, Duration heartbeat) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        if (maxDelay.compareTo(debounce) < 0 || heartbeat.isZero() || heartbeat.isNegative()) {
            throw new IllegalArgumentException("need debounce <= maxDelay and a positive heartbeat");
        }
    }

    /** Records what the cluster looks like at {@code now}. */
    public void observe(StateContent content, Instant now) {
        Objects.requireNonNull(content, "content");
        if (content.equals(current)) {
            return;
        }
        current = content;
        lastChange = now;
        if (content.equals(sent)) {
            firstUnsentChange = null; // changed back to what consumers already hold
        } else if (firstUnsentChange == null) {
            firstUnsentChange = now;
        }
    }

    /** The report due at {@code now}, if any; the caller sends it and the schedule counts it as sent. */
    public Optional<Due> due(Instant now) {
        if (current == null) {
            return Optional.empty();
        }
        Cause cause = null;
        if (sent == null) {
            cause = Cause.INITIAL;
        } else if (firstUnsentChange != null && (!now.isBefore(lastChange.plus(debounce))
                || !now.isBefore(firstUnsentChange.plus(maxDelay)))) {
            cause = Cause.CHANGE;
        } else if (firstUnsentChange == null && !now.isBefore(sentAt.plus(heartbeat))) {
            cause = Cause.HEARTBEAT;
        }
        if (cause == null) {
            return Optional.empty();
        }
        generation = Math.max(generation + 1, now.toEpochMilli());
        sent = current;
        sentAt = now;
        firstUnsentChange = null;
        return Optional.of(new Due(current.toReport(clusterId, generation, now), cause));
    }

    /** The last due report could not be sent: the next {@link #due} sends the current content again. */
    public void sendFailed() {
        sent = null;
    }

    /** When {@link #due} should next be asked, if nothing is observed before then; empty before any observation. */
    public Optional<Instant> nextCheck() {
        if (current == null) {
            return Optional.empty();
        }
        if (sent == null) {
            return Optional.of(Instant.MIN);
        }
        if (firstUnsentChange != null) {
            Instant quiet = lastChange.plus(debounce);
            Instant latest = firstUnsentChange.plus(maxDelay);
            return Optional.of(quiet.isBefore(latest) ? quiet : latest);
        }
        return Optional.of(sentAt.plus(heartbeat));
    }

    /** The generation of the last report. */
    public long generation() {
        return generation;
    }
}
