package io.meshfleet.orchestrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.AbortRoll;
import io.meshfleet.events.Command;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.Installer;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.RunSmokeTests;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.events.SmokeCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table and scenario tests of the pure decider: hours of rollout in milliseconds. */
class DeciderTest {

    static final String FROM = "1.6.14-asm.1";
    static final String TARGET = "1.5.10-asm.2";
    static final String SHA_TARGET = "a".repeat(64);
    static final String SHA_FROM = "b".repeat(64);
    static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    static final SmokeCheck CHECK = SmokeCheck.http("web", "http://web.shop/healthz", 200, null);

    // ---- fixtures ----------------------------------------------------------------------------------

    static WaveSpec wave(int maxConcurrency, int maxFailures, Duration soak, boolean approval, String... clusters) {
        return new WaveSpec(List.of(clusters), 0, 0, maxConcurrency, maxFailures, soak, approval);
    }

    static PlanSpec spec(FailurePolicy policy, List<SmokeCheck> smoke, WaveSpec... waves) {
        return new PlanSpec("downgrade", TARGET, FROM, PlanSpec.DEFAULT_PROFILE, PlanSpec.DEFAULT_PLATFORM,
                Installer.ISTIOCTL, new ClusterSelector(Map.of(), List.of()), List.of(waves), SidecarLimits.DEFAULT,
                smoke, policy, StepDeadlines.DEFAULT);
    }

    static ClusterFacts facts(String id, String cpVersion, String proxyVersion, Instant seen) {
        return new ClusterFacts(id, false, Map.of(), cpVersion, cpVersion, 1, 1, 2, 2, Map.of(proxyVersion, 2), seen);
    }

    /** Drives a rollout through the decider, keeping the clock, the inventory facts and a log of actions. */
    static final class Run {
        final Decider decider = new Decider();
        Rollout rollout;
        Instant now = T0;
        final Map<String, ClusterFacts> facts = new HashMap<>();
        final Map<String, ArtifactStatus> artifacts = new HashMap<>();
        final List<Action> log = new ArrayList<>();
        List<Action> last = List.of();

        Run(PlanSpec spec) {
            List<List<String>> assignment = spec.waves().stream().map(WaveSpec::clusters).toList();
            rollout = Rollout.draft("plan-1", spec, assignment);
            spec.waves().forEach(w -> w.clusters().forEach(c -> facts.put(c, DeciderTest.facts(c, FROM, FROM, T0))));
            artifacts.put(TARGET, new ArtifactStatus(ArtifactStatus.State.VERIFIED, SHA_TARGET, null));
            artifacts.put(FROM, new ArtifactStatus(ArtifactStatus.State.VERIFIED, SHA_FROM, null));
        }

        Decision pass(Observation... observations) {
            Decision d = decider.decide(rollout, new Inputs(List.of(observations), facts, artifacts), now);
            rollout = d.next();
            last = d.actions();
            log.addAll(last);
            return d;
        }

        Run start() {
            pass(op(OperatorAction.START, null, null));
            return this;
        }

        Run after(Duration d) {
            now = now.plus(d);
            return this;
        }

        ClusterStep step(String cluster) {
            return rollout.clusters().get(cluster).step();
        }

        WaveState wave(int i) {
            return rollout.waves().get(i).state();
        }

        String corr(String cluster) {
            return rollout.clusters().get(cluster).correlationId();
        }

        List<Command> sent() {
            return last.stream().filter(Action.Send.class::isInstance).map(a -> ((Action.Send) a).command()).toList();
        }

        List<Command> sentTo(String cluster) {
            return last.stream().filter(Action.Send.class::isInstance).map(Action.Send.class::cast)
                    .filter(s -> s.clusterId().equals(cluster)).map(Action.Send::command).toList();
        }

        void preflightOk(String c) {
            pass(new Observation.PreflightDone(c, corr(c), true, false, FROM, Map.of("values", Map.of()), "ok"));
        }

        void installed(String c, String version, boolean ok) {
            pass(new Observation.InstallDone(c, corr(c), version, ok, ok ? null : "istioctl exited 1"));
        }

        void controlPlaneReady(String c) {
            facts.put(c, DeciderTest.facts(c, TARGET, FROM, now));
            pass();
        }

        void sidecarsConverged(String c) {
            facts.put(c, DeciderTest.facts(c, TARGET, TARGET, now));
            pass();
        }

        /** From PREFLIGHT to the end of the sidecar roll. */
        void complete(String c) {
            preflightOk(c);
            installed(c, TARGET, true);
            controlPlaneReady(c);
            sidecarsConverged(c);
            if (step(c) == ClusterStep.SMOKE_TESTING) {
                pass(new Observation.SmokeResult(c, corr(c), CHECK.name(), true, "200"));
            }
        }
    }

    static Observation.Operator op(OperatorAction action, Integer wave, String cluster) {
        return new Observation.Operator(action, "alice", "change CHG-1", wave, cluster);
    }

    // ---- the per-cluster procedure -----------------------------------------------------------------

    @Test
    void aClusterGoesThroughEveryStepInOrderWithTheRightCommands() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(CHECK), wave(1, 0, Duration.ZERO, false, "a")));
        run.start();
        assertThat(run.step("a")).isEqualTo(ClusterStep.PREFLIGHT);
        assertThat(run.sentTo("a")).containsExactly(new Preflight("a", TARGET, "asm-multicloud"));

        run.preflightOk("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.INSTALLING);
        InstallControlPlane install = (InstallControlPlane) run.sent().get(0);
        assertThat(install.version()).isEqualTo(TARGET);
        assertThat(install.artifactSha256()).isEqualTo(SHA_TARGET);
        assertThat(install.overlay()).containsKey("values");
        assertThat(Duration.ofSeconds(install.timeoutSeconds())).as("the agent's time: the deadline less a margin")
                .isEqualTo(Decider.agentTimeout(run.rollout.spec().deadlines().install()));

        run.installed("a", TARGET, true);
        assertThat(run.step("a")).isEqualTo(ClusterStep.AWAITING_CONTROL_PLANE);
        assertThat(run.sent()).isEmpty();

        run.controlPlaneReady("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLING_SIDECARS);
        assertThat(run.sent()).singleElement().isInstanceOf(RollSidecars.class);

        run.sidecarsConverged("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.SMOKE_TESTING);
        assertThat(run.sent()).singleElement().isInstanceOf(RunSmokeTests.class);

        run.pass(new Observation.SmokeResult("a", run.corr("a"), "web", true, "200"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.SUCCEEDED);
        assertThat(run.rollout.state()).isEqualTo(PlanState.SUCCEEDED);
    }

    @Test
    void theAgentIsGivenLessTimeThanTheInstallStepSoItsVerdictArrivesFirst() {
        // deadline -> the install's timeout on the agent: a fifth less, the margin between 2 s and 60 s, at least 1 s
        Map<Duration, Duration> table = Map.of(
                Duration.ofSeconds(20), Duration.ofSeconds(16),
                Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(2), Duration.ofSeconds(96),
                Duration.ofMinutes(15), Duration.ofMinutes(14),
                Duration.ofMinutes(60), Duration.ofMinutes(59));
        table.forEach((deadline, agent) -> assertThat(Decider.agentTimeout(deadline)).as("deadline %s", deadline)
                .isEqualTo(agent));
    }

    @Test
    void nothingHappensUntilTheReleaseIsVerifiedAndARejectedReleaseFailsTheCluster() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        run.artifacts.remove(TARGET);
        run.start();
        assertThat(run.step("a")).isEqualTo(ClusterStep.AWAITING_ARTIFACT);
        assertThat(run.sent()).isEmpty();

        run.artifacts.put(TARGET, new ArtifactStatus(ArtifactStatus.State.REJECTED, null, "BAD_SIGNATURE"));
        run.after(Duration.ofMinutes(1)).pass();
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.rollout.clusters().get("a").failure()).isEqualTo(FailureReason.ARTIFACT_REJECTED);
        assertThat(run.rollout.state()).isEqualTo(PlanState.HALTED);
    }

    @Test
    void theSidecarRollEndsOnlyOnAReportReceivedAfterItBegan() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        run.start().preflightOk("a");
        // The converged report was received before the roll started: it proves nothing.
        run.facts.put("a", facts("a", TARGET, TARGET, run.now));
        run.after(Duration.ofSeconds(1)).installed("a", TARGET, true);
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLING_SIDECARS);
        run.after(Duration.ofSeconds(1)).pass();
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLING_SIDECARS);
        run.sidecarsConverged("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.SUCCEEDED);
    }

    // ---- waves: canary gating, concurrency, soak, approval, failures -------------------------------

    @Test
    void nothingOutsideTheCanaryIsTouchedUntilTheCanaryPassed() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(),
                wave(1, 0, Duration.ZERO, false, "a"), wave(2, 0, Duration.ZERO, false, "b", "c")));
        run.start();
        assertThat(run.log).filteredOn(Action.Send.class::isInstance)
                .allMatch(a -> ((Action.Send) a).clusterId().equals("a"));
        run.preflightOk("a");
        run.installed("a", TARGET, true);
        run.controlPlaneReady("a");
        assertThat(run.step("b")).isEqualTo(ClusterStep.PENDING);
        assertThat(run.wave(1)).isEqualTo(WaveState.PENDING);

        run.sidecarsConverged("a");
        assertThat(run.wave(0)).isEqualTo(WaveState.SUCCEEDED);
        assertThat(run.wave(1)).isEqualTo(WaveState.RUNNING);
        assertThat(run.sent()).containsExactly(new Preflight("b", TARGET, "asm-multicloud"),
                new Preflight("c", TARGET, "asm-multicloud"));
    }

    @Test
    void aFailedCanaryHaltsThePlanAndLeavesTheOtherWavesUntouched() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(),
                wave(1, 0, Duration.ZERO, false, "a"), wave(5, 3, Duration.ZERO, false, "b", "c")));
        run.start().preflightOk("a");
        run.installed("a", TARGET, false);
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.rollout.clusters().get("a").failure()).isEqualTo(FailureReason.INSTALL_FAILED);
        assertThat(run.wave(0)).isEqualTo(WaveState.FAILED);
        assertThat(run.rollout.state()).isEqualTo(PlanState.HALTED);
        run.after(Duration.ofHours(5)).pass();
        assertThat(run.step("b")).isEqualTo(ClusterStep.PENDING);
        assertThat(run.log).filteredOn(Action.Send.class::isInstance)
                .noneMatch(a -> !((Action.Send) a).clusterId().equals("a"));
    }

    @ParameterizedTest(name = "maxConcurrency {0}: at most {0} of 4 in flight")
    @CsvSource({"1", "2", "3", "4"})
    void maxConcurrencyBoundsTheClustersInFlight(int maxConcurrency) {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "canary"),
                wave(maxConcurrency, 0, Duration.ZERO, false, "b", "c", "d", "e")));
        run.start().complete("canary");
        int finished = 0;
        while (run.rollout.state() == PlanState.RUNNING) {
            List<String> inFlight = run.rollout.clusters().values().stream().filter(c -> c.step().inFlight())
                    .map(Rollout.ClusterRun::clusterId).toList();
            assertThat(inFlight).hasSize(Math.min(maxConcurrency, 4 - finished));
            run.complete(inFlight.get(0));
            finished++;
        }
        assertThat(run.rollout.state()).isEqualTo(PlanState.SUCCEEDED);
    }

    @Test
    void theNextWaveStartsOnlyWhenThePreviousSoaked() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(),
                wave(1, 0, Duration.ofHours(1), false, "a"), wave(1, 0, Duration.ofHours(2), false, "b")));
        run.start().complete("a");
        assertThat(run.wave(0)).isEqualTo(WaveState.SOAKING);
        run.after(Duration.ofMinutes(59)).pass();
        assertThat(run.wave(0)).isEqualTo(WaveState.SOAKING);
        assertThat(run.step("b")).isEqualTo(ClusterStep.PENDING);
        run.after(Duration.ofMinutes(1)).pass();
        assertThat(run.wave(0)).isEqualTo(WaveState.SUCCEEDED);
        assertThat(run.step("b")).isEqualTo(ClusterStep.PREFLIGHT);
        run.complete("b");
        run.after(Duration.ofHours(2).minusSeconds(1)).pass();
        assertThat(run.rollout.state()).isEqualTo(PlanState.RUNNING);
        run.after(Duration.ofSeconds(1)).pass();
        assertThat(run.rollout.state()).isEqualTo(PlanState.SUCCEEDED);
    }

    @Test
    void aWaveThatRequiresApprovalWaitsForAnApprover() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(),
                wave(1, 0, Duration.ZERO, false, "a"), wave(1, 0, Duration.ZERO, true, "b")));
        run.start();
        run.pass(op(OperatorAction.APPROVE, 1, null));
        assertThat(run.last).anyMatch(a -> a instanceof Action.Rejected r && r.reason().contains("no wave awaits"));

        run.complete("a");
        assertThat(run.wave(1)).isEqualTo(WaveState.AWAITING_APPROVAL);
        run.after(Duration.ofDays(3)).pass();
        assertThat(run.step("b")).isEqualTo(ClusterStep.PENDING);

        run.pass(new Observation.Operator(OperatorAction.APPROVE, "bob", "looks good", 1, null));
        assertThat(run.wave(1)).isEqualTo(WaveState.RUNNING);
        assertThat(run.rollout.waves().get(1).approvedBy()).isEqualTo("bob");
        assertThat(run.step("b")).isEqualTo(ClusterStep.PREFLIGHT);
        assertThat(run.last).anyMatch(a -> a instanceof Action.Audit au && au.type() == AuditType.OPERATOR_ACTION
                && au.actor().equals("bob") && au.reason().equals("looks good"));
    }

    @Test
    void failuresWithinMaxFailuresAreToleratedAndOneMoreHaltsThePlan() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a"),
                wave(2, 1, Duration.ZERO, false, "b", "c", "d"), wave(1, 0, Duration.ZERO, false, "e")));
        run.start().complete("a");
        run.preflightOk("b");
        run.installed("b", TARGET, false);
        assertThat(run.rollout.state()).isEqualTo(PlanState.RUNNING);
        assertThat(run.step("d")).isEqualTo(ClusterStep.PREFLIGHT); // b's slot went to d
        run.preflightOk("c");
        run.installed("c", TARGET, false);
        assertThat(run.wave(1)).isEqualTo(WaveState.FAILED);
        assertThat(run.rollout.state()).isEqualTo(PlanState.HALTED);
        run.complete("d"); // already in flight: finishes
        assertThat(run.step("d")).isEqualTo(ClusterStep.SUCCEEDED);
        assertThat(run.step("e")).isEqualTo(ClusterStep.PENDING);

        run.pass(op(OperatorAction.RESUME, null, null));
        assertThat(run.last).anyMatch(a -> a instanceof Action.Rejected r && r.reason().contains("2 failed"));
        run.pass(op(OperatorAction.RETRY, null, "c"));
        assertThat(run.rollout.state()).isEqualTo(PlanState.RUNNING);
        assertThat(run.corr("c")).isEqualTo("plan-1/c/2");
        run.complete("c");
        assertThat(run.wave(1)).isEqualTo(WaveState.SUCCEEDED);
        assertThat(run.step("e")).isEqualTo(ClusterStep.PREFLIGHT);
    }

    // ---- deadlines ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} fails after its deadline of {1} min")
    @CsvSource({"PREFLIGHT,5", "INSTALLING,15", "AWAITING_CONTROL_PLANE,10", "ROLLING_SIDECARS,60",
            "SMOKE_TESTING,10"})
    void everyWaitingStepHasADeadline(ClusterStep step, int minutes) {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(CHECK), wave(1, 0, Duration.ZERO, false, "a")));
        run.start();
        if (step.compareTo(ClusterStep.INSTALLING) >= 0) {
            run.preflightOk("a");
        }
        if (step.compareTo(ClusterStep.AWAITING_CONTROL_PLANE) >= 0) {
            run.installed("a", TARGET, true);
        }
        if (step.compareTo(ClusterStep.ROLLING_SIDECARS) >= 0) {
            run.controlPlaneReady("a");
        }
        if (step.compareTo(ClusterStep.SMOKE_TESTING) >= 0) {
            run.sidecarsConverged("a");
        }
        assertThat(run.step("a")).isEqualTo(step);
        run.after(Duration.ofMinutes(minutes)).pass();
        assertThat(run.step("a")).isEqualTo(step);
        run.after(Duration.ofSeconds(1)).pass();
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.rollout.clusters().get("a").failure()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
        if (step == ClusterStep.ROLLING_SIDECARS) {
            assertThat(run.sent()).singleElement().isInstanceOf(AbortRoll.class);
        }
    }

    // ---- pause, resume, abort ----------------------------------------------------------------------

    @Test
    void pauseLetsTheClusterInFlightFinishButStartsNothingNew() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(),
                wave(1, 0, Duration.ZERO, false, "a"), wave(1, 0, Duration.ZERO, false, "b")));
        run.start().preflightOk("a");
        run.pass(op(OperatorAction.PAUSE, null, null));
        assertThat(run.rollout.state()).isEqualTo(PlanState.PAUSED);
        run.installed("a", TARGET, true);
        run.controlPlaneReady("a");
        run.sidecarsConverged("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.SUCCEEDED);
        run.after(Duration.ofHours(1)).pass();
        assertThat(run.step("b")).isEqualTo(ClusterStep.PENDING);
        assertThat(run.wave(0)).isEqualTo(WaveState.RUNNING);

        run.pass(op(OperatorAction.RESUME, null, null));
        assertThat(run.rollout.state()).isEqualTo(PlanState.RUNNING);
        assertThat(run.step("b")).isEqualTo(ClusterStep.PREFLIGHT);
    }

    @Test
    void abortStopsTheRollSkipsWhatIsPendingAndIgnoresLaterAnswers() {
        Run run = new Run(spec(FailurePolicy.ROLLBACK_AND_HALT, List.of(),
                wave(1, 0, Duration.ZERO, false, "a"), wave(1, 0, Duration.ZERO, false, "b")));
        run.start().preflightOk("a");
        run.installed("a", TARGET, true);
        run.controlPlaneReady("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLING_SIDECARS);

        run.pass(op(OperatorAction.ABORT, null, null));
        assertThat(run.rollout.state()).isEqualTo(PlanState.ABORTED);
        assertThat(run.sent()).containsExactly(new AbortRoll("plan-1", "a", "plan aborted by alice: change CHG-1"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.rollout.clusters().get("a").failure()).isEqualTo(FailureReason.ABORTED);
        assertThat(run.step("b")).isEqualTo(ClusterStep.SKIPPED);
        assertThat(run.wave(1)).isEqualTo(WaveState.SKIPPED);

        run.sidecarsConverged("a");
        run.after(Duration.ofDays(1)).pass();
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.sent()).isEmpty();
    }

    @ParameterizedTest(name = "{1} on a {0} plan: {2}")
    @CsvSource({
            "DRAFT,START,accepted", "DRAFT,PAUSE,rejected", "DRAFT,RESUME,rejected", "DRAFT,ABORT,accepted",
            "DRAFT,RETRY,rejected", "RUNNING,START,rejected", "RUNNING,PAUSE,accepted", "RUNNING,RESUME,rejected",
            "RUNNING,ABORT,accepted", "PAUSED,PAUSE,rejected", "PAUSED,RESUME,accepted", "PAUSED,ABORT,accepted",
            "ABORTED,ABORT,rejected", "ABORTED,RESUME,rejected", "ABORTED,START,rejected"})
    void operatorRequestsAreHonouredOnlyInStatesThatAllowThem(PlanState state, OperatorAction action,
                                                               String outcome) {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        switch (state) {
            case RUNNING -> run.start();
            case PAUSED -> run.start().pass(op(OperatorAction.PAUSE, null, null));
            case ABORTED -> run.pass(op(OperatorAction.ABORT, null, null));
            default -> { }
        }
        Decision decision = run.pass(op(action, null, "a"));
        assertThat(decision.rejection().isPresent()).isEqualTo(outcome.equals("rejected"));
        if (outcome.equals("rejected")) {
            assertThat(run.rollout.state()).isEqualTo(state);
            assertThat(run.last).anyMatch(a -> a instanceof Action.Audit au && au.type() == AuditType.OPERATOR_REJECTED
                    && au.actor().equals("alice"));
        }
    }

    // ---- failure policies --------------------------------------------------------------------------

    @Test
    void rollbackPolicyReinstallsThePreviousVersionAndHalts() {
        Run run = new Run(spec(FailurePolicy.ROLLBACK_AND_HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        run.start().preflightOk("a");
        run.installed("a", TARGET, true);
        run.controlPlaneReady("a");
        run.pass(new Observation.RollFailed("a", null, "shop", "pods not ready"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLING_BACK);
        assertThat(run.rollout.clusters().get("a").failure()).isEqualTo(FailureReason.ROLL_FAILED);
        InstallControlPlane rollback = (InstallControlPlane) run.sent().get(0);
        assertThat(rollback.version()).isEqualTo(FROM);
        assertThat(rollback.artifactSha256()).isEqualTo(SHA_FROM);
        assertThat(run.rollout.state()).isEqualTo(PlanState.HALTED);

        run.installed("a", TARGET, true); // a late answer for the target changes nothing
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLING_BACK);
        run.installed("a", FROM, true);
        assertThat(run.step("a")).isEqualTo(ClusterStep.ROLLED_BACK);
    }

    @Test
    void haltPolicyLeavesTheFailedClusterAlone() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        run.start().preflightOk("a");
        run.installed("a", TARGET, false);
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.sent()).isEmpty();
    }

    @Test
    void aFailedPreflightNeverInstallsAndAnAdminClusterIsRefused() {
        Run run = new Run(spec(FailurePolicy.ROLLBACK_AND_HALT, List.of(),
                wave(1, 0, Duration.ZERO, false, "a"), wave(2, 1, Duration.ZERO, false, "b", "c")));
        run.start().complete("a");
        run.pass(new Observation.PreflightDone("b", run.corr("b"), false, false, FROM, Map.of(), "no cluster-admin"));
        assertThat(run.step("b")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.sentTo("b")).isEmpty(); // nothing installed, so nothing to roll back
        run.pass(new Observation.PreflightDone("c", run.corr("c"), true, true, FROM, Map.of(), "ok"));
        assertThat(run.step("c")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.rollout.clusters().get("c").failureDetail()).contains("admin cluster");
    }

    // ---- duplicates, out of order, stale answers ---------------------------------------------------

    @Test
    void duplicateOutOfOrderAndStaleAnswersChangeNothing() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(CHECK), wave(1, 0, Duration.ZERO, false, "a")));
        run.start();
        // A smoke result and an install result before their commands were sent: ignored.
        run.pass(new Observation.SmokeResult("a", run.corr("a"), "web", true, "200"),
                new Observation.InstallDone("a", run.corr("a"), TARGET, true, null));
        assertThat(run.step("a")).isEqualTo(ClusterStep.PREFLIGHT);
        assertThat(run.last).isEmpty();

        run.preflightOk("a");
        run.installed("a", TARGET, false);
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        String firstAttempt = run.corr("a");
        run.pass(op(OperatorAction.RETRY, null, "a"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.PREFLIGHT);

        // The first attempt's answers arrive late: different correlation, ignored.
        run.pass(new Observation.PreflightDone("a", firstAttempt, true, false, FROM, Map.of(), "ok"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.PREFLIGHT);
        run.preflightOk("a");
        assertThat(run.step("a")).isEqualTo(ClusterStep.INSTALLING);
        // The same answer delivered twice: the second is a no-op.
        run.preflightOk("a");
        assertThat(run.last).isEmpty();
        run.installed("a", TARGET, true);
        run.installed("a", TARGET, true);
        assertThat(run.last).isEmpty();
        run.controlPlaneReady("a");
        run.sidecarsConverged("a");
        run.pass(new Observation.SmokeResult("a", run.corr("a"), "web", true, "200"),
                new Observation.SmokeResult("a", run.corr("a"), "web", true, "200"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.SUCCEEDED);
        assertThat(run.log).filteredOn(a -> a instanceof Action.Audit au && au.type() == AuditType.CLUSTER_STEP
                && "SUCCEEDED".equals(au.to())).hasSize(1);
    }

    @Test
    void aRefusedCommandFailsTheClusterWithTheAgentsReason() {
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        run.start();
        run.pass(new Observation.Refused("a", run.corr("a"), "meshfleet.Preflight", "EXPIRED"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.FAILED);
        assertThat(run.rollout.clusters().get("a").failure()).isEqualTo(FailureReason.COMMAND_REFUSED);
        assertThat(run.rollout.clusters().get("a").failureDetail()).contains("EXPIRED");
    }

    @Test
    void aRefusedReplayOfACommandTheAgentAlreadyTookLeavesTheStepToTheFirstDeliverysAnswer() {
        // Found by OrchestratorCrashIT at full size: the orchestrator was killed between the broker's ack of a
        // Preflight and marking the outbox row sent, sent it again after the restart, the agent refused the copy as
        // REPLAYED, and the cluster failed with COMMAND_REFUSED, halting the plan, although the preflight ran.
        Run run = new Run(spec(FailurePolicy.HALT, List.of(), wave(1, 0, Duration.ZERO, false, "a")));
        run.start();
        run.pass(new Observation.Refused("a", run.corr("a"), "meshfleet.Preflight",
                "REPLAYED nonce SdmBm8aYdG_YDwVQHmEn7w was seen before"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.PREFLIGHT);
        run.pass(new Observation.PreflightDone("a", run.corr("a"), true, false, FROM, Map.of("values", Map.of()), "ok"));
        assertThat(run.step("a")).isEqualTo(ClusterStep.INSTALLING);
    }

    @Test
    void aLongFleetRolloutRunsInMilliseconds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(String.format("edge-%03d", i));
        }
        Run run = new Run(spec(FailurePolicy.HALT, List.of(CHECK),
                wave(1, 0, Duration.ofHours(1), false, ids.get(0)),
                wave(10, 2, Duration.ofHours(4), false, ids.subList(1, 50).toArray(String[]::new)),
                wave(25, 5, Duration.ofHours(12), false, ids.subList(50, 200).toArray(String[]::new))));
        run.start();
        int guard = 0;
        while (run.rollout.state() == PlanState.RUNNING && guard++ < 10_000) {
            List<String> inFlight = run.rollout.clusters().values().stream().filter(c -> c.step().inFlight())
                    .map(Rollout.ClusterRun::clusterId).toList();
            if (inFlight.isEmpty()) {
                run.after(Duration.ofMinutes(30)).pass();
                continue;
            }
            run.after(Duration.ofMinutes(4));
            for (String c : inFlight) {
                run.complete(c);
            }
        }
        assertThat(run.rollout.clusters().values()).filteredOn(c -> c.step() != ClusterStep.SUCCEEDED).isEmpty();
        assertThat(run.rollout.state()).isEqualTo(PlanState.SUCCEEDED);
        assertThat(Duration.between(T0, run.now)).isGreaterThan(Duration.ofHours(17));
    }
}
