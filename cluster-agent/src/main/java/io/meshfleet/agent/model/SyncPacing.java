package io.meshfleet.agent.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which served clusters start their state informers when, for an agent of many clusters: at most
 * {@code concurrency} clusters sync at a time (500 clusters' initial lists at once time out on a loaded host), every
 * cluster gets a first attempt before any failed one is retried, and a cluster whose first sync fails or times out
 * is retried after an exponential backoff ({@code initialBackoff}, doubled per failure, at most {@code maxBackoff}),
 * so an unreachable cluster keeps trying in the background and never holds up the others. Pure: the caller reports
 * outcomes and asks what to start, passing the time.
 */
public final class SyncPacing {

    /**
     * Where one cluster's informer start-up stands.
     */
    public enum Status {
        /** Not tried yet. Transitions to: {@link #SYNCING}. */
        WAITING,
        /** An attempt is running. Transitions to: {@link #SYNCED}, {@link #BACKING_OFF}. */
        SYNCING,
        /** The last attempt failed; the next starts at {@link ClusterSync#retryAt()}. Transitions to: {@link #SYNCING}. */
        BACKING_OFF,
        /** The informers have synced; their own watches carry on from here. Final. */
        SYNCED
    }

    /**
     * One cluster's start-up.
     *
     * @param cluster   the cluster id
     * @param status    where it stands
     * @param failures  failed attempts so far
     * @param lastError the last attempt's error, null before the first failure
     * @param retryAt   when the next attempt may start ({@link Status#BACKING_OFF}), otherwise null
     */
    public record ClusterSync(String cluster, Status status, int failures, String lastError, Instant retryAt) {
    }

    /**
     * The agent's start-up at a glance, for health and logs.
     *
     * @param synced  clusters whose informers have synced
     * @param syncing clusters not synced yet that have not failed: their first attempt runs or waits for a slot
     * @param failing clusters that have failed and not synced since (backing off, or being retried), in order of
     *                their cluster id
     */
    public record Summary(int synced, int syncing, List<ClusterSync> failing) {

        /** All clusters. */
        public int total() {
            return synced + syncing + failing.size();
        }
    }

    private final int concurrency;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<String, ClusterSync> clusters = new LinkedHashMap<>();

    public SyncPacing(Collection<String> clusters, int concurrency, Duration initialBackoff, Duration maxBackoff) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("sync concurrency must be at least 1, not " + concurrency);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and its maximum (" + maxBackoff
                    + ") at least its start (" + initialBackoff + ")");
        }
        this.concurrency = concurrency;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        clusters.forEach(c -> this.clusters.put(c, new ClusterSync(c, Status.WAITING, 0, null, null)));
    }

    /**
     * The clusters whose attempt starts now, marked {@link Status#SYNCING}: as many as free slots allow, clusters not
     * tried yet first (in the given order), then failed ones whose backoff has run out (longest waiting first).
     */
    public synchronized List<String> startNow(Instant now) {
        int free = concurrency - (int) count(Status.SYNCING);
        List<String> starting = new ArrayList<>();
        if (free <= 0) {
            return starting;
        }
        for (ClusterSync sync : clusters.values()) {
            if (starting.size() == free) {
                break;
            }
            if (sync.status() == Status.WAITING) {
                starting.add(sync.cluster());
            }
        }
        clusters.values().stream()
                .filter(s -> s.status() == Status.BACKING_OFF && !s.retryAt().isAfter(now))
                .sorted(Comparator.comparing(ClusterSync::retryAt))
                .limit(free - starting.size())
                .forEach(s -> starting.add(s.cluster()));
        starting.forEach(c -> {
            ClusterSync s = clusters.get(c);
            clusters.put(c, new ClusterSync(c, Status.SYNCING, s.failures(), s.lastError(), null));
        });
        return starting;
    }

    /** {@code cluster}'s attempt succeeded: its informers have synced. */
    public synchronized void synced(String cluster) {
        ClusterSync s = running(cluster);
        clusters.put(cluster, new ClusterSync(cluster, Status.SYNCED, s.failures(), s.lastError(), null));
    }

    /** {@code cluster}'s attempt failed at {@code now} with {@code error}; it is retried after its backoff. */
    public synchronized void failed(String cluster, String error, Instant now) {
        ClusterSync s = running(cluster);
        int failures = s.failures() + 1;
        clusters.put(cluster, new ClusterSync(cluster, Status.BACKING_OFF, failures, error, now.plus(backoff(failures))));
    }

    /** The wait after the {@code failures}-th failure in a row. */
    Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /**
     * When {@link #startNow} next has something to start that it has not now: the earliest retry, if a slot is free
     * for it then; empty when only an attempt's end can free a slot or nothing is left to start.
     */
    public synchronized Optional<Instant> nextRetry() {
        if (count(Status.SYNCING) >= concurrency) {
            return Optional.empty();
        }
        return clusters.values().stream().filter(s -> s.status() == Status.BACKING_OFF).map(ClusterSync::retryAt)
                .min(Comparator.naturalOrder());
    }

    /** Where {@code cluster} stands. */
    public synchronized ClusterSync of(String cluster) {
        return Objects.requireNonNull(clusters.get(cluster), () -> "not a served cluster: " + cluster);
    }

    /** Counts, and the failing clusters with their errors. */
    public synchronized Summary summary() {
        List<ClusterSync> failing = clusters.values().stream()
                .filter(s -> s.status() != Status.SYNCED && s.failures() > 0)
                .sorted(Comparator.comparing(ClusterSync::cluster)).toList();
        int synced = (int) count(Status.SYNCED);
        return new Summary(synced, clusters.size() - synced - failing.size(), failing);
    }

    private long count(Status status) {
        return clusters.values().stream().filter(s -> s.status() == status).count();
    }

    private ClusterSync running(String cluster) {
        ClusterSync s = of(cluster);
        if (s.status() != Status.SYNCING) {
            throw new IllegalStateException("cluster " + cluster + " has no sync attempt running (" + s.status() + ")");
        }
        return s;
    }
}
