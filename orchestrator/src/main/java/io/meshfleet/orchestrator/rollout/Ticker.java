package io.meshfleet.orchestrator.rollout;

import io.meshfleet.orchestrator.leader.Leadership;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs a decision pass of every active plan on a fixed period, so that time alone (deadlines, soak)
 * moves plans, and so that a restarted orchestrator picks up where the database says it was. Only the
 * active instance ({@link Leadership}) ticks and exports the plan gauges; a standby exports zeros, so that sums
 * over the replicas count every plan once.
 */
@ApplicationScoped
public class Ticker {

    private static final Logger LOG = Logger.getLogger(Ticker.class);

    private final ActivePlans plans;
    private final PlanRunner runner;
    private final RolloutMetrics metrics;
    private final Leadership leadership;

    Ticker(ActivePlans plans, PlanRunner runner, RolloutMetrics metrics, Leadership leadership) {
        this.plans = plans;
        this.runner = runner;
        this.metrics = metrics;
        this.leadership = leadership;
    }

    @Scheduled(every = "${meshfleet.orchestrator.tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!leadership.isActive()) {
            metrics.clear();
            return;
        }
        List<String> active = plans.all();
        for (String planId : active) {
            try {
                QuarkusTransaction.requiringNew().run(() -> runner.pass(planId, List.of()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "decision pass of plan %s failed; next tick retries", planId);
            }
        }
        metrics.refresh();
    }
}
