package io.meshfleet.fleetctl.plan;

import static io.meshfleet.fleetctl.plan.PlanFixtures.NOW;
import static io.meshfleet.fleetctl.plan.PlanFixtures.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.fleetctl.api.OrchestratorJson.Plan;
import io.meshfleet.fleetctl.api.OrchestratorJson.Wave;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanProgressTest {

    @Test
    void thePictureHasABarAndAnEtaPerWaveAndCluster() {
        assertThat(PlanProgress.lines(PlanFixtures.midway().node(), PODS, NOW)).containsExactly(
                "plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2  RUNNING  1/6 clusters done  ETA 57m",
                "wave 0 (canary)  SUCCEEDED         [####################]  1/1 done",
                "  user-01        SUCCEEDED         [####################]",
                "wave 1           RUNNING           [--------------------]  0/3 done  ETA 42m",
                "  user-02        ROLLING_SIDECARS  [##############------]            ETA 2m",
                "  user-03        INSTALLING        [########------------]            ETA 7m",
                "  user-04        PENDING           [--------------------]            ETA 12m",
                "wave 2           PENDING           [--------------------]  0/2 done  ETA 57m  needs approval",
                "  user-05        PENDING           [--------------------]            ETA 49m",
                "  user-06        PENDING           [--------------------]            ETA 57m",
                "ETA: control plane ~7.5 min, sidecars at 100 pods/min per cluster, soaks; approvals not counted");
    }

    @Test
    void failedClustersShowTheirReasonCutToFitAndTheHaltedPlanSaysWhatItWaitsFor() {
        Plan plan = PlanFixtures.midway()
                .failed("user-03", NOW, "INSTALL_FAILED", "istioctl install exited 1:\n Error: failed to apply manifests:"
                        + " the server could not find the requested resource (post istiooperators.install.istio.io)")
                .waveState(1, "FAILED", NOW).state("HALTED");

        var lines = PlanProgress.lines(plan.node(), PODS, NOW);

        assertThat(lines.get(0)).isEqualTo("plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2  HALTED  1/6 clusters done,"
                + " 1 failed  ETA 55m once failures are retried or resumed"); // user-04 takes the failed one's slot
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("wave 1 ").contains("FAILED", "0/3 done, 1 failed"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("  user-03 +FAILED +\\[x{20}] +INSTALL_FAILED: "
                + "istioctl install exited 1: Erro\\.\\.\\."));
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(140));
    }

    @Test
    void finishedPlansHaveNoEtaAndAWaveAwaitingApprovalSaysHowToApprove() {
        Plan done = new Plan("plan-9", "SUCCEEDED", NOW)
                .wave(new Wave(1, 0, Duration.ZERO, false), "user-01")
                .waveState(0, "SUCCEEDED", NOW).step("user-01", "SUCCEEDED", NOW);
        assertThat(PlanProgress.lines(done.node(), Map.of(), NOW)).containsExactly(
                "plan plan-9 (prod-to-1.5.10): 1.5.10-asm.2  SUCCEEDED  1/1 clusters done",
                "wave 0 (canary)  SUCCEEDED  [####################]  1/1 done",
                "  user-01        SUCCEEDED  [####################]");

        Plan waiting = PlanFixtures.midway().waveState(1, "SUCCEEDED", NOW).waveState(2, "AWAITING_APPROVAL", null)
                .step("user-02", "SUCCEEDED", NOW).step("user-03", "SUCCEEDED", NOW).step("user-04", "SUCCEEDED", NOW);
        assertThat(PlanProgress.lines(waiting.node(), PODS, NOW)).anySatisfy(line -> assertThat(line)
                .startsWith("wave 2 ").contains("AWAITING_APPROVAL", "0/2 done", "ETA 15m",
                        "approve: fleetctl plan approve plan-1a2b3c4d --reason ..."));

        Plan approved = PlanFixtures.midway().approvedBy(2, "carol");
        assertThat(PlanProgress.lines(approved.node(), PODS, NOW)).anySatisfy(line -> assertThat(line)
                .startsWith("wave 2 ").endsWith("approved by carol"));
    }

    @Test
    void changesArePlainTimestampedLinesForWhatMovedAndTheWholePictureFirst() {
        Plan plan = PlanFixtures.midway();
        var before = plan.node();
        plan.step("user-02", "SMOKE_TESTING", NOW)
                .failed("user-03", NOW, "INSTALL_FAILED", "istioctl install exited 1")
                .step("user-04", "AWAITING_ARTIFACT", NOW).waveState(1, "FAILED", NOW).state("HALTED");

        assertThat(PlanProgress.changes(before, plan.node(), PODS, NOW.plusSeconds(5))).containsExactly(
                "2026-11-27T10:00:05Z  wave 1  FAILED  0/3 done, 1 failed  ETA 40m",
                "2026-11-27T10:00:05Z  user-02 (wave 1)  SMOKE_TESTING  ETA 0s",
                "2026-11-27T10:00:05Z  user-03 (wave 1)  FAILED  INSTALL_FAILED: istioctl install exited 1",
                "2026-11-27T10:00:05Z  user-04 (wave 1)  AWAITING_ARTIFACT  ETA 10m",
                "2026-11-27T10:00:05Z  plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2  HALTED  1/6 clusters done,"
                        + " 1 failed  ETA 55m once failures are retried or resumed");
        assertThat(PlanProgress.changes(plan.node(), plan.node(), PODS, NOW)).isEmpty();
        assertThat(PlanProgress.changes(null, before, PODS, NOW)).isEqualTo(PlanProgress.lines(before, PODS, NOW));
        assertThat(PlanProgress.changes(before, plan.node(), PODS, NOW)).noneMatch(line -> line.contains("["));
    }

    @Test
    void theCompactPictureKeepsOnlyClustersBeingChangedOrFailed() {
        Plan plan = PlanFixtures.midway().failed("user-04", NOW, "PREFLIGHT_FAILED", "no istio-system namespace");

        // user-01 (succeeded), user-05 and user-06 (pending) are only counted in their waves' lines.
        assertThat(PlanProgress.lines(plan.node(), PODS, NOW, true)).extracting(line -> line.strip().split(" {2,}")[0])
                .containsExactly("plan plan-1a2b3c4d (prod-to-1.5.10): 1.5.10-asm.2", "wave 0 (canary)", "wave 1",
                        "user-02", "user-03", "user-04", "wave 2", "ETA: control plane ~7.5 min, sidecars at 100 pods/min"
                                + " per cluster, soaks; approvals not counted");
        assertThat(PlanProgress.lines(plan.node(), PODS, NOW, false)).hasSize(11);
    }

    @Test
    void aRetriedClusterShowsItsAttempt() {
        Plan plan = PlanFixtures.midway();
        var before = plan.node();
        plan.step("user-03", "AWAITING_ARTIFACT", NOW).attempt("user-03", 2);

        assertThat(PlanProgress.changes(before, plan.node(), PODS, NOW))
                .containsExactly("2026-11-27T10:00:00Z  user-03 (wave 1)  AWAITING_ARTIFACT  attempt 2  ETA 9m");
    }
}
