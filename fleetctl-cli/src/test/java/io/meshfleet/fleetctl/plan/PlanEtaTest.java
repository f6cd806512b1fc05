package io.meshfleet.fleetctl.plan;

import static io.meshfleet.fleetctl.plan.PlanFixtures.NOW;
import static io.meshfleet.fleetctl.plan.PlanFixtures.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.fleetctl.api.OrchestratorJson.Plan;
import io.meshfleet.fleetctl.api.OrchestratorJson.Wave;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanEtaTest {

    private static Duration minutes(double m) {
        return Duration.ofSeconds(Math.round(m * 60));
    }

    @Test
    void inFlightClustersFinishTheirStepsAndPendingOnesTakeTheFirstFreeSlotThenTheWaveSoaks() {
        PlanEta.Estimate eta = PlanEta.of(PlanFixtures.midway().node(), PODS, NOW);

        // user-02: 3m of sidecars, 1m done. user-03: 7.5m control plane, 2m done, then 1m of sidecars.
        assertThat(eta.clusters()).containsEntry("user-02", minutes(2)).containsEntry("user-03", minutes(6.5))
                // user-04 starts when user-02's slot frees (2m): 7.5m + 2m sidecars.
                .containsEntry("user-04", minutes(11.5))
                // wave 2, one at a time, after wave 1's 30m soak: 41.5 + 7.5, then + 7.5.
                .containsEntry("user-05", minutes(49)).containsEntry("user-06", minutes(56.5))
                .doesNotContainKey("user-01");
        assertThat(eta.waves()).containsOnly(Map.entry(1, minutes(41.5)), Map.entry(2, minutes(56.5)));
        assertThat(eta.plan()).isEqualTo(minutes(56.5));
    }

    @Test
    void aSoakingWaveLastsUntilItsSoakEnds() {
        Plan plan = new Plan("plan-s", "RUNNING", NOW)
                .wave(new Wave(1, 0, Duration.ofMinutes(10), false), "user-01")
                .wave(new Wave(1, 0, Duration.ZERO, false), "user-02")
                .waveState(0, "SOAKING", NOW.minus(Duration.ofMinutes(20)))
                .soakUntil(0, NOW.plus(Duration.ofMinutes(4)))
                .step("user-01", "SUCCEEDED", NOW.minus(Duration.ofMinutes(6)));

        PlanEta.Estimate eta = PlanEta.of(plan.node(), Map.of("user-02", 100), NOW);

        assertThat(eta.waves()).containsEntry(0, minutes(4)).containsEntry(1, minutes(4 + 7.5 + 1));
        assertThat(eta.clusters()).containsOnly(Map.entry("user-02", minutes(12.5)));
    }

    @Test
    void overrunStepsCountAsDueNowAndFailedClustersHaveNoEstimate() {
        Plan plan = new Plan("plan-h", "HALTED", NOW)
                .wave(new Wave(2, 0, Duration.ZERO, false), "user-01", "user-02")
                .waveState(0, "FAILED", NOW.minus(Duration.ofHours(1)))
                .step("user-01", "AWAITING_CONTROL_PLANE", NOW.minus(Duration.ofMinutes(20)))
                .failed("user-02", NOW.minus(Duration.ofMinutes(3)), "INSTALL_FAILED", "istioctl exited 1");

        PlanEta.Estimate eta = PlanEta.of(plan.node(), Map.of(), NOW);

        assertThat(eta.clusters()).containsOnly(Map.entry("user-01", Duration.ZERO));
        assertThat(eta.plan()).isZero();
    }

    @Test
    void aDraftPlanIsEstimatedFromAStartNowAndFinishedPlansHaveNothingLeft() {
        Plan draft = new Plan("plan-d", "DRAFT", NOW)
                .wave(new Wave(1, 0, Duration.ofMinutes(5), false), "user-01")
                .wave(new Wave(2, 0, Duration.ZERO, false), "user-02", "user-03", "user-04");

        PlanEta.Estimate eta = PlanEta.of(draft.node(), Map.of("user-01", 100, "user-04", 600), NOW);

        // canary 7.5 + 1 + 5 soak = 13.5; then two slots: user-02 and user-03 at 21, user-04 at 21 + 7.5 + 6.
        assertThat(eta.waves()).containsEntry(0, minutes(13.5)).containsEntry(1, minutes(34.5));
        assertThat(eta.plan()).isEqualTo(minutes(34.5));
        assertThat(PlanEta.of(draft.state("SUCCEEDED").node(), Map.of(), NOW).plan()).isZero();
        assertThat(PlanEta.of(draft.state("ABORTED").node(), Map.of(), NOW).clusters()).isEmpty();
    }

    @Test
    void withoutSidecarLimitsTheSeedsHundredPodsAMinuteIsUsed() {
        Plan plan = new Plan("plan-r", "RUNNING", NOW).wave(new Wave(1, 0, Duration.ZERO, false), "user-01");
        var node = plan.node();
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("spec")).remove("sidecarLimits");

        assertThat(PlanEta.of(node, Map.of("user-01", 250), NOW).plan()).isEqualTo(minutes(7.5 + 2.5));
    }
}
