package io.meshfleet.fleetctl.plan;

import io.meshfleet.fleetctl.api.OrchestratorJson.Plan;
import io.meshfleet.fleetctl.api.OrchestratorJson.Wave;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The plan the plan tests share: a canary done, wave 1 half way, wave 2 waiting (needs approval). */
final class PlanFixtures {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    /** Workload pods per cluster (ClusterView.workloadPods); at 100 pods/min: 3m, 1m, 2m of sidecars. */
    static final Map<String, Integer> PODS = Map.of("user-01", 50, "user-02", 300, "user-03", 100, "user-04", 200,
            "user-05", 0, "user-06", 0);

    private PlanFixtures() {
    }

    /** Wave 0 SUCCEEDED; wave 1 RUNNING: user-02 rolling sidecars for 1m, user-03 installing for 2m, user-04 pending. */
    static Plan midway() {
        return new Plan("plan-1a2b3c4d", "RUNNING", NOW.minus(Duration.ofHours(1)))
                .wave(new Wave(1, 0, Duration.ofMinutes(10), false), "user-01")
                .wave(new Wave(2, 1, Duration.ofMinutes(30), false), "user-02", "user-03", "user-04")
                .wave(new Wave(1, 0, Duration.ZERO, true), "user-05", "user-06")
                .waveState(0, "SUCCEEDED", NOW.minus(Duration.ofMinutes(50)))
                .step("user-01", "SUCCEEDED", NOW.minus(Duration.ofMinutes(40)))
                .waveState(1, "RUNNING", NOW.minus(Duration.ofMinutes(5)))
                .step("user-02", "ROLLING_SIDECARS", NOW.minus(Duration.ofMinutes(1)))
                .step("user-03", "INSTALLING", NOW.minus(Duration.ofMinutes(2)));
    }
}
