package io.meshfleet.orchestrator.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Leader election over a {@code coordination.k8s.io/v1} Lease with fabric8's {@link LeaderElector}: while
 * {@link #isLeading()} this instance holds the Lease and renews it; otherwise it retries to acquire it, and takes it
 * over once the holder has not renewed it for the lease duration. Unlike a bare {@link LeaderElector}, which ends
 * after its leadership ends, an election keeps competing until {@link #close()}: an instance that lost the Lease
 * (the API server was unreachable for the renew deadline) becomes a standby again, not a bystander.
 *
 * <p>{@link #close()} releases a held Lease at once, so that a standby takes over within a retry period on a
 * graceful shutdown; a crashed leader's Lease expires after the lease duration.
 */
public final class LeaseElection implements AutoCloseable {

    /** Told when this instance starts and stops leading, and who leads. Called on the election's threads. */
    public interface Listener {
        void startedLeading();

        void stoppedLeading();

        default void newLeader(String identity) {
        }
    }

    private static final Logger LOG = Logger.getLogger(LeaseElection.class);

    private final KubernetesClient client;
    private final LeaseTerms terms;
    private final Listener listener;
    private final AtomicBoolean leading = new AtomicBoolean();
    private volatile String leader;
    private volatile boolean closed;
    private CompletableFuture<?> running;

    public LeaseElection(KubernetesClient client, LeaseTerms terms, Listener listener) {
        this.client = client;
        this.terms = terms;
        this.listener = listener;
    }

    /** Starts competing for the Lease (returns at once). */
    public synchronized LeaseElection start() {
        if (closed) {
            throw new IllegalStateException("election for " + terms.lease() + " was closed");
        }
        if (running == null || running.isDone()) {
            LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                    .withName(terms.name())
                    .withLock(new LeaseLock(terms.namespace(), terms.name(), terms.identity()))
                    .withLeaseDuration(terms.leaseDuration())
                    .withRenewDeadline(terms.renewDeadline())
                    .withRetryPeriod(terms.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(new LeaderCallbacks(this::onStart, this::onStop, this::onNewLeader))
                    .build()).build();
            running = elector.start();
            running.whenComplete((ignored, failure) -> ended(failure));
        }
        return this;
    }

    /** Whether this instance holds the Lease now. */
    public boolean isLeading() {
        return leading.get();
    }

    /** The identity of the last leader seen, if any. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    /** The terms of this election. */
    public LeaseTerms terms() {
        return terms;
    }

    /** Stops competing; a held Lease is released (its holder cleared), so a standby takes it at its next try. */
    @Override
    public void close() {
        CompletableFuture<?> current;
        synchronized (this) {
            closed = true;
            current = running;
        }
        if (current != null) {
            current.cancel(true); // the elector releases the Lease (releaseOnCancel) and calls onStopLeading
        }
        onStop();
    }

    private void onStart() {
        if (leading.compareAndSet(false, true)) {
            LOG.infof("%s leads: holds Lease %s", terms.identity(), terms.lease());
            listener.startedLeading();
        }
    }

    private void onStop() {
        if (leading.compareAndSet(true, false)) {
            LOG.warnf("%s stopped leading: Lease %s %s", terms.identity(), terms.lease(),
                    closed ? "released" : "not renewed within " + terms.renewDeadline());
            listener.stoppedLeading();
        }
    }

    private void onNewLeader(String identity) {
        leader = identity == null || identity.isBlank() ? null : identity;
        if (leader == null) {
            LOG.infof("Lease %s is free", terms.lease());
            return;
        }
        LOG.infof("Lease %s is held by %s", terms.lease(), identity);
        listener.newLeader(identity);
    }

    /** The elector ended (leadership lost, or it failed): compete again after a retry period unless closed. */
    private void ended(Throwable failure) {
        onStop();
        if (closed) {
            return;
        }
        if (failure != null) {
            LOG.warnf("election for Lease %s failed (%s); competing again in %s", terms.lease(), failure,
                    terms.retryPeriod());
        }
        CompletableFuture.runAsync(() -> {
            synchronized (this) {
                if (!closed) {
                    start();
                }
            }
        }, CompletableFuture.delayedExecutor(terms.retryPeriod().toMillis(), TimeUnit.MILLISECONDS));
    }
}
