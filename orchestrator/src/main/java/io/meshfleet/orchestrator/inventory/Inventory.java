package io.meshfleet.orchestrator.inventory;

import io.meshfleet.events.ClusterState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.orchestrator.plan.ClusterFacts;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** The fleet inventory: what the orchestrator knows of every cluster, as its agent last reported it. */
@ApplicationScoped
public class Inventory {

    /**
     * Records a state report. A report whose {@code observedGeneration} is not newer than the one
     * stored is stale (redelivered or overtaken) and changes nothing.
     *
     * @return true when the report was applied
     */
    @Transactional
    public boolean record(ClusterState state, Instant receivedAt) {
        ClusterEntity row = ClusterEntity.findById(state.clusterId());
        if (row != null && row.observedGeneration >= state.observedGeneration()) {
            return false;
        }
        if (row == null) {
            row = new ClusterEntity();
            row.clusterId = state.clusterId();
        }
        ClusterSummary summary = ClusterSummary.of(state);
        row.clusterKind = state.clusterKind().name();
        row.labels = state.labels();
        row.meshVersion = state.meshVersion();
        row.controlPlaneVersion = state.controlPlane().version();
        row.controlPlanePods = summary.controlPlanePods();
        row.controlPlaneReadyPods = summary.controlPlaneReadyPods();
        row.workloadPods = summary.workloadPods();
        row.workloadReadyPods = summary.workloadReadyPods();
        row.proxyVersions = summary.proxyVersions();
        row.observedGeneration = state.observedGeneration();
        row.observedAt = state.observedAt();
        row.lastSeen = receivedAt;
        row.persist();
        return true;
    }

    /** Every cluster, ordered by id. */
    @Transactional
    public List<ClusterEntity> all() {
        return ClusterEntity.listAll(io.quarkus.panache.common.Sort.by("clusterId"));
    }

    /** The decider's view of the given clusters (those that have reported), by id. */
    @Transactional
    public Map<String, ClusterFacts> facts(Collection<String> clusterIds) {
        Map<String, ClusterFacts> facts = new HashMap<>();
        if (clusterIds.isEmpty()) {
            return facts;
        }
        for (ClusterEntity row : ClusterEntity.<ClusterEntity>list("clusterId in ?1", List.copyOf(clusterIds))) {
            facts.put(row.clusterId, facts(row));
        }
        return facts;
    }

    /** The decider's view of every cluster. */
    @Transactional
    public List<ClusterFacts> allFacts() {
        return all().stream().map(Inventory::facts).toList();
    }

    static ClusterFacts facts(ClusterEntity row) {
        return new ClusterFacts(row.clusterId, ClusterKind.ADMIN.name().equals(row.clusterKind), row.labels,
                row.meshVersion, row.controlPlaneVersion, row.controlPlanePods, row.controlPlaneReadyPods,
                row.workloadPods, row.workloadReadyPods, row.proxyVersions, row.lastSeen);
    }

    /** One cluster by id. */
    @Transactional
    public Optional<ClusterEntity> find(String clusterId) {
        return ClusterEntity.findByIdOptional(clusterId);
    }
}
