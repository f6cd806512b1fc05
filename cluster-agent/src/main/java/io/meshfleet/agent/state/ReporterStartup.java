package io.meshfleet.agent.state;

import io.meshfleet.agent.model.SyncPacing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Starts the informers of many {@link ClusterStateReporter}s in the background, paced by {@link SyncPacing}: a few
 * clusters sync at a time, each attempt bounded by a timeout, and a cluster whose attempt fails is retried after a
 * backoff while the others go on. Owns the reporters; {@link #summary()} says how far start-up has got (for health).
 */
public final class ReporterStartup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReporterStartup.class);

    /**
     * How informers start.
     *
     * @param concurrency    clusters syncing at a time
     * @param timeout        how long one cluster's attempt may take before it counts as failed
     * @param initialBackoff wait before the first retry of a failed cluster, doubled per further failure
     * @param maxBackoff     the longest wait between retries
     */
    public record Settings(int concurrency, Duration timeout, Duration initialBackoff, Duration maxBackoff) {
    }

    private final Map<String, ClusterStateReporter> reporters;
    private final SyncPacing pacing;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Instant began;
    private ScheduledFuture<?> wakeUp;
    private volatile boolean closed;
    private volatile Duration allSyncedAfter;

    /** Paces {@code reporters} (cluster id to reporter, in start order); nothing starts before {@link #start()}. */
    public ReporterStartup(Map<String, ClusterStateReporter> reporters, Settings settings, Clock clock) {
        this.reporters = new LinkedHashMap<>(reporters);
        this.pacing = new SyncPacing(this.reporters.keySet(), settings.concurrency(), settings.initialBackoff(),
                settings.maxBackoff());
        this.timeout = settings.timeout();
        this.clock = clock;
        this.began = clock.instant();
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "state-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /** Begins starting informers; returns at once. */
    public ReporterStartup start() {
        run(this::startDue);
        return this;
    }

    /** Counts of synced, syncing and failing clusters, with the failing ones' last errors. */
    public SyncPacing.Summary summary() {
        return pacing.summary();
    }

    /** Where one cluster stands. */
    public SyncPacing.ClusterSync of(String cluster) {
        return pacing.of(cluster);
    }

    /** How long after construction the last cluster synced; empty while one has not. */
    public java.util.Optional<Duration> allSyncedAfter() {
        return java.util.Optional.ofNullable(allSyncedAfter);
    }

    private void startDue() {
        if (closed) {
            return;
        }
        for (String cluster : pacing.startNow(clock.instant())) {
            CompletionStage<Void> sync;
            try {
                sync = reporters.get(cluster).startSync(timeout);
            } catch (RuntimeException e) {
                sync = CompletableFuture.failedFuture(e);
            }
            sync.whenComplete((ok, error) -> run(() -> finished(cluster, error)));
        }
        scheduleRetry();
    }

    private void finished(String cluster, Throwable error) {
        if (closed) {
            return;
        }
        if (error == null) {
            pacing.synced(cluster);
            LOG.debugf("state informers of %s synced", cluster);
            SyncPacing.Summary summary = pacing.summary();
            if (summary.synced() == reporters.size()) {
                allSyncedAfter = Duration.between(began, clock.instant());
                LOG.infof("state informers of all %d clusters synced after %s", reporters.size(), allSyncedAfter);
            }
        } else {
            String reason = describe(error);
            pacing.failed(cluster, reason, clock.instant());
            SyncPacing.ClusterSync now = pacing.of(cluster);
            LOG.warnf("state informers of cluster %s did not sync (failure %d): %s; retrying at %s, the other "
                    + "clusters go on", cluster, now.failures(), reason, now.retryAt());
        }
        startDue();
    }

    private void scheduleRetry() {
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
        pacing.nextRetry().ifPresent(at -> {
            long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
            wakeUp = thread.schedule(this::startDue, delay, TimeUnit.MILLISECONDS);
        });
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return "not synced within " + timeout + " (API server not answering?)";
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing left to start
        }
    }

    /** Stops starting informers and closes every reporter. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        reporters.values().forEach(ClusterStateReporter::close);
    }
}
