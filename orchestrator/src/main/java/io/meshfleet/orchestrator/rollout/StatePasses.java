package io.meshfleet.orchestrator.rollout;

import io.meshfleet.messaging.PassCoalescer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The decision passes that agents' state reports call for: a report matters to a plan only while the reporting
 * cluster waits on reports there (its control plane to come up, its sidecars to converge), and the passes such
 * reports ask for are folded together ({@link PassCoalescer}, {@code meshfleet.orchestrator.state-pass-delay}) and
 * run once the report's transaction has committed, each in a transaction of its own. A pass that fails is logged;
 * the {@link Ticker}'s next pass covers it.
 */
@ApplicationScoped
public class StatePasses {

    private static final Logger LOG = Logger.getLogger(StatePasses.class);

    private final ActivePlans plans;
    private final TransactionSynchronizationRegistry transactions;
    private final PassCoalescer coalescer;
    private final Counter requests;
    private final Counter passes;

    StatePasses(ActivePlans plans, PlanRunner runner, TransactionSynchronizationRegistry transactions,
                MeterRegistry meters,
                @ConfigProperty(name = "meshfleet.orchestrator.state-pass-delay", defaultValue = "PT0.2S") Duration delay) {
        this.plans = plans;
        this.transactions = transactions;
        this.requests = Counter.builder("meshfleet.orchestrator.state.pass.requests")
                .description("Plan passes asked for by state reports (clusters waiting on reports)").register(meters);
        this.passes = Counter.builder("meshfleet.orchestrator.state.passes")
                .description("Plan passes run for state reports, after folding the requests together")
                .register(meters);
        this.coalescer = PassCoalescer.onOwnThread("state-passes", delay, planId -> {
            passes.increment();
            try {
                QuarkusTransaction.requiringNew().run(() -> runner.pass(planId, List.of()));
            } catch (RuntimeException e) {
                LOG.warnf("decision pass of plan %s after a state report failed (%s); the next tick retries", planId,
                        e.toString());
            }
        });
    }

    /**
     * Asks for a pass of every active plan in which {@code clusterId} waits on state reports; the passes run after
     * the caller's transaction commits (at once when there is none).
     */
    public void reported(String clusterId) {
        for (String planId : plans.awaitingReports(clusterId)) {
            requests.increment();
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        if (status == Status.STATUS_COMMITTED) {
                            coalescer.request(planId);
                        }
                    }
                });
            } else {
                coalescer.request(planId);
            }
        }
    }

    @PreDestroy
    void stop() {
        coalescer.close();
    }
}
