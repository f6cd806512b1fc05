package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.plan.PlanSpec;
import io.meshfleet.orchestrator.plan.Rollout;
import io.meshfleet.orchestrator.rollout.PlanEntity;
import java.time.Instant;
import java.util.List;

/** A plan as the REST API shows it: its spec, state, waves and every cluster's step. */
public record PlanView(String planId, String name, String targetVersion, String state, String createdBy,
                       Instant createdAt, Instant updatedAt, PlanSpec spec, List<Rollout.WaveRun> waves,
                       List<Rollout.ClusterRun> clusters) {

    static PlanView of(PlanEntity row, Rollout rollout) {
        return new PlanView(row.planId, row.name, row.targetVersion, rollout.state().name(), row.createdBy,
                row.createdAt, row.updatedAt, rollout.spec(), rollout.waves(),
                List.copyOf(rollout.clusters().values()));
    }
}
