package io.meshfleet.orchestrator.rollout;

import io.meshfleet.orchestrator.plan.ClusterStep;
import io.meshfleet.orchestrator.plan.PlanState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the plans a message or a tick concerns. */
@ApplicationScoped
public class ActivePlans {

    /** States in which a plan still acts on answers and time. */
    static final List<String> ACTIVE = List.of(PlanState.RUNNING.name(), PlanState.PAUSED.name(),
            PlanState.HALTED.name());

    /** Every plan that is started and not finished. */
    @Transactional
    public List<String> all() {
        return PlanEntity.<PlanEntity>list("state in ?1 order by createdAt", ACTIVE).stream().map(p -> p.planId)
                .toList();
    }

    /** The active plans that hold {@code clusterId}. */
    @Transactional
    public List<String> holding(String clusterId) {
        return holding(List.of(clusterId)).getOrDefault(clusterId, List.of());
    }

    /**
     * The active plans that hold any of {@code clusterIds}, by cluster (clusters no active plan holds are absent), in
     * one query: a plan over 3,000 clusters took longer than a client's 30 s to create while this was asked once per
     * cluster.
     */
    @Transactional
    public Map<String, List<String>> holding(Collection<String> clusterIds) {
        Map<String, List<String>> held = new LinkedHashMap<>();
        if (clusterIds.isEmpty()) {
            return held;
        }
        List<Object[]> rows = PlanEntity.getEntityManager().createQuery(
                        "select c.clusterId, p.planId from PlanEntity p, PlanClusterEntity c where c.planId = p.planId "
                                + "and c.clusterId in ?1 and p.state in ?2 order by p.createdAt", Object[].class)
                .setParameter(1, List.copyOf(clusterIds)).setParameter(2, ACTIVE).getResultList();
        for (Object[] row : rows) {
            held.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        return held;
    }

    /** Steps in which a cluster waits on its own state reports (control plane up, sidecars converged). */
    static final List<String> AWAITING_REPORTS = List.of(ClusterStep.AWAITING_CONTROL_PLANE.name(),
            ClusterStep.ROLLING_SIDECARS.name());

    /** The active plans in which {@code clusterId} is at a step that its state reports can end. */
    @Transactional
    public List<String> awaitingReports(String clusterId) {
        return PlanEntity.getEntityManager().createQuery(
                        "select p.planId from PlanEntity p, PlanClusterEntity c where c.planId = p.planId "
                                + "and c.clusterId = ?1 and c.step in ?2 and p.state in ?3 order by p.createdAt",
                        String.class)
                .setParameter(1, clusterId).setParameter(2, AWAITING_REPORTS).setParameter(3, ACTIVE).getResultList();
    }

    /** The plan an answer belongs to: the one its envelope names if that exists, else the active plan holding the cluster. */
    @Transactional
    public List<String> forAnswer(String planId, String clusterId) {
        if (planId != null && PlanEntity.findById(planId) != null) {
            return List.of(planId);
        }
        return holding(clusterId);
    }

}
