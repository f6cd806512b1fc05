package io.meshfleet.orchestrator.rollout;

import io.meshfleet.orchestrator.plan.ClusterStep;
import io.meshfleet.orchestrator.plan.PlanState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of plans by state ({@code meshfleet_orchestrator_plans{state}}) and of clusters of active
 * plans by step ({@code meshfleet_orchestrator_clusters{step}}), refreshed by the ticker. Step
 * durations and audit entries are counted where they happen (PlanRunner, AuditTrail).
 */
@ApplicationScoped
public class RolloutMetrics {

    private final Map<PlanState, AtomicLong> plans = new EnumMap<>(PlanState.class);
    private final Map<ClusterStep, AtomicLong> clusters = new EnumMap<>(ClusterStep.class);

    RolloutMetrics(MeterRegistry meters) {
        for (PlanState state : PlanState.values()) {
            AtomicLong value = new AtomicLong();
            plans.put(state, value);
            Gauge.builder("meshfleet.orchestrator.plans", value, AtomicLong::get).tag("state", state.name())
                    .description("plans by state").register(meters);
        }
        for (ClusterStep step : ClusterStep.values()) {
            AtomicLong value = new AtomicLong();
            clusters.put(step, value);
            Gauge.builder("meshfleet.orchestrator.clusters", value, AtomicLong::get).tag("step", step.name())
                    .description("clusters of active plans by step").register(meters);
        }
    }

    /** Sets every gauge to zero (a standby's gauges, see {@link Ticker}). */
    public void clear() {
        plans.values().forEach(v -> v.set(0));
        clusters.values().forEach(v -> v.set(0));
    }

    /** Re-reads the counts from the database. */
    public void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            plans.values().forEach(v -> v.set(0));
            clusters.values().forEach(v -> v.set(0));
            List<Object[]> byState = PlanEntity.getEntityManager()
                    .createQuery("select p.state, count(p) from PlanEntity p group by p.state", Object[].class)
                    .getResultList();
            byState.forEach(r -> plans.get(PlanState.valueOf((String) r[0])).set((Long) r[1]));
            List<Object[]> byStep = PlanEntity.getEntityManager().createQuery(
                            "select c.step, count(c) from PlanClusterEntity c, PlanEntity p where c.planId = p.planId "
                                    + "and p.state in ?1 group by c.step", Object[].class)
                    .setParameter(1, ActivePlans.ACTIVE).getResultList();
            byStep.forEach(r -> clusters.get(ClusterStep.valueOf((String) r[0])).set((Long) r[1]));
        });
    }
}
