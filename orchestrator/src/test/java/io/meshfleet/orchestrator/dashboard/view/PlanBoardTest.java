package io.meshfleet.orchestrator.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.orchestrator.plan.ClusterSelector;
import io.meshfleet.orchestrator.plan.ClusterStep;
import io.meshfleet.orchestrator.plan.FailurePolicy;
import io.meshfleet.orchestrator.plan.FailureReason;
import io.meshfleet.events.Installer;
import io.meshfleet.orchestrator.plan.PlanSpec;
import io.meshfleet.orchestrator.plan.PlanState;
import io.meshfleet.orchestrator.plan.Rollout;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.orchestrator.plan.StepDeadlines;
import io.meshfleet.orchestrator.plan.WaveSpec;
import io.meshfleet.orchestrator.plan.WaveState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which buttons a viewer, operator and approver get in each plan state, and what the board shows. */
class PlanBoardTest {

    static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    static final PlanSpec SPEC = new PlanSpec("edge", "1.5.10-asm.2", null, PlanSpec.DEFAULT_PROFILE,
            PlanSpec.DEFAULT_PLATFORM, Installer.ISTIOCTL, new ClusterSelector(Map.of(), List.of()),
            List.of(new WaveSpec(List.of("c0"), 0, 0, 1, 0, Duration.ofMinutes(30), false),
                    new WaveSpec(List.of(), 0, 100, 2, 1, Duration.ZERO, true)),
            SidecarLimits.DEFAULT, List.of(), FailurePolicy.HALT, StepDeadlines.DEFAULT);

    static Rollout rollout(PlanState state, WaveState wave0, WaveState wave1, ClusterStep c0, ClusterStep c1) {
        Map<String, Rollout.ClusterRun> clusters = new LinkedHashMap<>();
        clusters.put("c0", run("c0", 0, c0));
        clusters.put("c1", run("c1", 1, c1));
        return new Rollout("plan-1", SPEC, state, List.of(
                new Rollout.WaveRun(0, List.of("c0"), wave0, NOW.minusSeconds(600),
                        wave0 == WaveState.SOAKING ? NOW.plusSeconds(125) : null, null),
                new Rollout.WaveRun(1, List.of("c1"), wave1, null, null, null)), clusters);
    }

    static Rollout.ClusterRun run(String id, int wave, ClusterStep step) {
        boolean failed = step.failed();
        return new Rollout.ClusterRun(id, wave, step, NOW.minusSeconds(30), 1, "plan-1/" + id + "/1", null, Map.of(),
                Map.of(), failed ? FailureReason.INSTALL_FAILED : null, failed ? "istiod did not become ready" : null);
    }

    @ParameterizedTest(name = "{0} as operator={5} approver={6}: start={7} pause={8} resume={9} abort={10} approve={11}")
    @CsvSource({
        // plan,  wave0,       wave1,             c0,        c1,       op,    appr,  start, pause, resume, abort, approve
        "DRAFT,    PENDING,     PENDING,           PENDING,   PENDING,  false, false, false, false, false,  false, false",
        "DRAFT,    PENDING,     PENDING,           PENDING,   PENDING,  true,  false, true,  false, false,  true,  false",
        "RUNNING,  RUNNING,     PENDING,           INSTALLING,PENDING,  true,  false, false, true,  false,  true,  false",
        "RUNNING,  RUNNING,     PENDING,           INSTALLING,PENDING,  false, true,  false, false, false,  false, false",
        "RUNNING,  SUCCEEDED,   AWAITING_APPROVAL, SUCCEEDED, PENDING,  false, true,  false, false, false,  false, true",
        "RUNNING,  SUCCEEDED,   AWAITING_APPROVAL, SUCCEEDED, PENDING,  false, false, false, false, false,  false, false",
        "RUNNING,  SUCCEEDED,   AWAITING_APPROVAL, SUCCEEDED, PENDING,  true,  false, false, true,  false,  true,  false",
        "PAUSED,   RUNNING,     PENDING,           INSTALLING,PENDING,  true,  true,  false, false, true,   true,  false",
        "HALTED,   FAILED,      PENDING,           FAILED,    PENDING,  true,  false, false, false, true,   true,  false",
        "SUCCEEDED,SUCCEEDED,   SUCCEEDED,         SUCCEEDED, SUCCEEDED,true,  true,  false, false, false,  false, false",
        "ABORTED,  SKIPPED,     SKIPPED,           FAILED,    SKIPPED,  true,  true,  false, false, false,  false, false",
    })
    void buttonsFollowThePlanStateAndTheRoles(PlanState plan, WaveState wave0, WaveState wave1, ClusterStep c0,
                                              ClusterStep c1, boolean operator, boolean approver, boolean start,
                                              boolean pause, boolean resume, boolean abort, boolean approve) {
        PlanBoard board = PlanBoard.of(rollout(plan, wave0, wave1, c0, c1), "edge", Map.of(),
                new PlanBoard.Permissions(operator, approver), NOW);
        assertThat(board.actions()).isEqualTo(new PlanBoard.Actions(start, pause, resume, abort, approve));
        assertThat(board.actions().any()).isEqualTo(start || pause || resume || abort || approve);
    }

    @Test
    void aFailedClusterIsListedWithItsReasonAndOnlyOperatorsOfALivePlanMayRetryIt() {
        Rollout halted = rollout(PlanState.HALTED, WaveState.FAILED, WaveState.PENDING, ClusterStep.FAILED,
                ClusterStep.PENDING);
        PlanBoard asOperator = PlanBoard.of(halted, "edge", Map.of(), new PlanBoard.Permissions(true, false), NOW);
        assertThat(asOperator.failures()).containsExactly(new PlanBoard.Failure("c0", 0, ClusterStep.FAILED,
                "INSTALL_FAILED", "istiod did not become ready"));
        assertThat(asOperator.waves().get(0).clusters().get(0).retry()).isTrue();
        assertThat(asOperator.waves().get(0).clusters().get(0).tone()).isEqualTo("bad");
        assertThat(PlanBoard.of(halted, "edge", Map.of(), PlanBoard.Permissions.VIEWER, NOW).waves().get(0).clusters()
                .get(0).retry()).isFalse();
        Rollout aborted = rollout(PlanState.ABORTED, WaveState.SKIPPED, WaveState.SKIPPED, ClusterStep.FAILED,
                ClusterStep.SKIPPED);
        assertThat(PlanBoard.of(aborted, "edge", Map.of(), new PlanBoard.Permissions(true, true), NOW).waves().get(0)
                .clusters().get(0).retry()).isFalse();
    }

    @Test
    void wavesComeCanaryFirstWithSoakCountdownApprovalAndTheClustersProgressBars() {
        ProgressLedger ledger = new ProgressLedger(5);
        ledger.record("plan-1", "c1", "shop", 4, 3, 10, 42, NOW);
        PlanBoard board = PlanBoard.of(rollout(PlanState.RUNNING, WaveState.SOAKING, WaveState.PENDING,
                ClusterStep.SUCCEEDED, ClusterStep.ROLLING_SIDECARS), "edge", ledger.forPlan("plan-1"),
                PlanBoard.Permissions.VIEWER, NOW);
        assertThat(board.waves()).extracting(PlanBoard.WaveCard::title).containsExactly("Canary (wave 0)", "Wave 1");
        PlanBoard.WaveCard canary = board.waves().get(0);
        assertThat(canary.soaking()).isTrue();
        assertThat(canary.soakSecondsLeft()).isEqualTo(125);
        assertThat(canary.soakLeftText()).isEqualTo("2m 05s");
        assertThat(canary.soakText()).isEqualTo("30m 00s");
        assertThat(board.waves().get(1).requireApproval()).isTrue();
        assertThat(board.waves().get(1).soakText()).isNull();
        assertThat(board.succeeded()).isEqualTo(1);
        assertThat(board.total()).isEqualTo(2);
        PlanBoard.ClusterCard c1 = board.waves().get(1).clusters().get(0);
        assertThat(c1.tone()).isEqualTo("run");
        assertThat(c1.namespaces()).singleElement().satisfies(bar -> {
            assertThat(bar.percent()).isEqualTo(30);
            assertThat(bar.etaText()).isEqualTo("ETA 42s");
        });
        assertThat(board.waves().get(0).clusters().get(0).namespaces()).isEmpty();
    }
}
