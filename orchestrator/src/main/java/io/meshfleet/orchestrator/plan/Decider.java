package io.meshfleet.orchestrator.plan;

import io.meshfleet.events.AbortRoll;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.RunSmokeTests;
import io.meshfleet.orchestrator.plan.Rollout.ClusterRun;
import io.meshfleet.orchestrator.plan.Rollout.WaveRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's decision logic: a pure function of (rollout, inputs, now) returning the next rollout and
 * the actions to take. No I/O, no clock of its own: tests run hours of rollout in milliseconds.
 *
 * <p>Rules: a wave starts only when the previous one succeeded and soaked (and, if it requires
 * approval, was approved); nothing outside the canary (wave 0) is touched until every canary cluster
 * succeeded; at most {@code maxConcurrency} clusters of a wave are in flight; more than
 * {@code maxFailures} failed clusters halt the plan; every waiting step has a deadline. While the plan
 * is PAUSED or HALTED no cluster and no wave starts, but clusters in flight finish their sequence.
 */
public final class Decider {

    /** The actor of transitions the orchestrator makes on its own. */
    public static final String SYSTEM_ACTOR = "orchestrator";

    /**
     * The time an agent is given for an install whose step has {@code deadline}: a fifth less (at least 2 s, at most
     * 60 s less), so that the agent's own verdict (why the install failed: its API unreachable, istiod not ready, ...)
     * reaches the orchestrator before the step's deadline does and goes into the audit trail, rather than a bare
     * {@link FailureReason#DEADLINE_EXCEEDED}.
     */
    public static Duration agentTimeout(Duration deadline) {
        Duration margin = deadline.dividedBy(5);
        margin = margin.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2)
                : margin.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : margin;
        Duration left = deadline.minus(margin);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** Decides one pass. */
    public Decision decide(Rollout rollout, Inputs inputs, Instant now) {
        Pass pass = new Pass(rollout, inputs, now);
        for (Observation observation : inputs.observations()) {
            pass.observe(observation);
        }
        if (pass.state != PlanState.DRAFT && !pass.state.terminal()) {
            pass.advanceClusters();
            if (pass.state == PlanState.RUNNING) {
                pass.advanceWaves();
            }
        }
        return pass.result();
    }

    /** The working state of one pass. */
    private static final class Pass {
        private final Rollout original;
        private final PlanSpec spec;
        private final Inputs inputs;
        private final Instant now;
        private PlanState state;
        private final List<WaveRun> waves;
        private final Map<String, ClusterRun> clusters;
        private final List<Action> actions = new ArrayList<>();

        Pass(Rollout rollout, Inputs inputs, Instant now) {
            this.original = rollout;
            this.spec = rollout.spec();
            this.inputs = inputs;
            this.now = now;
            this.state = rollout.state();
            this.waves = new ArrayList<>(rollout.waves());
            this.clusters = new LinkedHashMap<>(rollout.clusters());
        }

        Decision result() {
            return new Decision(new Rollout(original.planId(), spec, state, waves, clusters), actions);
        }

        // ---- observations ------------------------------------------------------------------------

        void observe(Observation observation) {
            if (observation instanceof Observation.Operator op) {
                operator(op);
            } else if (observation instanceof Observation.PreflightDone done) {
                preflightDone(done);
            } else if (observation instanceof Observation.InstallDone done) {
                installDone(done);
            } else if (observation instanceof Observation.SmokeResult result) {
                smokeResult(result);
            } else if (observation instanceof Observation.Refused refused) {
                refused(refused);
            } else if (observation instanceof Observation.RollFailed failed) {
                rollFailed(failed);
            }
        }

        private ClusterRun current(String clusterId, String correlationId) {
            ClusterRun run = clusters.get(clusterId);
            if (run == null || state.terminal()) {
                return null;
            }
            // An answer to a command of an earlier attempt says nothing about this one.
            if (correlationId != null && !correlationId.equals(run.correlationId())) {
                return null;
            }
            return run;
        }

        private void preflightDone(Observation.PreflightDone done) {
            ClusterRun run = current(done.clusterId(), done.correlationId());
            if (run == null || run.step() != ClusterStep.PREFLIGHT) {
                return;
            }
            if (done.adminCluster()) {
                fail(run, FailureReason.PREFLIGHT_FAILED, "admin cluster: meshfleet changes only user clusters");
                return;
            }
            if (!done.passed()) {
                fail(run, FailureReason.PREFLIGHT_FAILED, done.detail());
                return;
            }
            ClusterRun recorded = run.preflighted(done.currentVersion(), done.overlay());
            clusters.put(run.clusterId(), recorded);
            ArtifactStatus artifact = inputs.artifact(spec.targetVersion());
            if (artifact.state() != ArtifactStatus.State.VERIFIED) {
                fail(recorded, FailureReason.ARTIFACT_REJECTED, "no verified archive of " + spec.targetVersion()
                        + " for " + spec.platform() + ": " + artifact.state());
                return;
            }
            send(recorded, install(recorded.clusterId(), spec.targetVersion(), recorded.overlay(), artifact.sha256()));
            move(recorded, ClusterStep.INSTALLING, "preflight passed; installing " + spec.targetVersion(),
                    Decider.SYSTEM_ACTOR);
        }

        private void installDone(Observation.InstallDone done) {
            ClusterRun run = current(done.clusterId(), done.correlationId());
            if (run == null) {
                return;
            }
            if (run.step() == ClusterStep.INSTALLING && spec.targetVersion().equals(done.version())) {
                if (done.succeeded()) {
                    move(run, ClusterStep.AWAITING_CONTROL_PLANE, "install of " + done.version() + " finished",
                            Decider.SYSTEM_ACTOR);
                } else {
                    fail(run, FailureReason.INSTALL_FAILED, done.detail());
                }
            } else if (run.step() == ClusterStep.ROLLING_BACK && done.version().equals(run.previousVersion())) {
                if (done.succeeded()) {
                    move(run, ClusterStep.ROLLED_BACK, "re-installed " + done.version() + " after " + run.failure(),
                            Decider.SYSTEM_ACTOR);
                } else {
                    ClusterRun failed = run.failed(ClusterStep.FAILED, now, run.failure(),
                            "rollback to " + done.version() + " failed: " + done.detail());
                    record(run, failed, failed.failureDetail(), Decider.SYSTEM_ACTOR);
                }
            }
        }

        private void smokeResult(Observation.SmokeResult result) {
            ClusterRun run = current(result.clusterId(), result.correlationId());
            if (run == null || run.step() != ClusterStep.SMOKE_TESTING || run.smokeResults().containsKey(result.check())) {
                return;
            }
            ClusterRun recorded = run.withSmokeResult(result.check(), result.passed());
            clusters.put(run.clusterId(), recorded);
            if (!result.passed()) {
                fail(recorded, FailureReason.SMOKE_TEST_FAILED, result.check() + ": " + result.detail());
            } else if (spec.smokeTests().stream().allMatch(c -> recorded.smokeResults().containsKey(c.name()))) {
                move(recorded, ClusterStep.SUCCEEDED, "all " + spec.smokeTests().size() + " smoke tests passed",
                        Decider.SYSTEM_ACTOR);
            }
        }

        private void refused(Observation.Refused refused) {
            ClusterRun run = current(refused.clusterId(), refused.correlationId());
            if (run == null || refused.replayed()) {
                // A replay was refused: the first delivery of that command is being answered (or its step's
                // deadline ends the wait), so the cluster's step stands.
                return;
            }
            switch (run.step()) {
                case PREFLIGHT, INSTALLING, SMOKE_TESTING -> fail(run, FailureReason.COMMAND_REFUSED,
                        refused.commandType() + " refused: " + refused.reason());
                case ROLLING_BACK -> {
                    ClusterRun failed = run.failed(ClusterStep.FAILED, now, run.failure(),
                            "rollback command refused: " + refused.reason());
                    record(run, failed, failed.failureDetail(), Decider.SYSTEM_ACTOR);
                }
                default -> {
                    // A refusal of a command this step no longer waits for changes nothing.
                }
            }
        }

        private void rollFailed(Observation.RollFailed failed) {
            ClusterRun run = current(failed.clusterId(), failed.correlationId());
            if (run != null && run.step() == ClusterStep.ROLLING_SIDECARS) {
                fail(run, FailureReason.ROLL_FAILED, "namespace " + failed.namespace() + ": " + failed.reason());
            }
        }

        // ---- operator requests -------------------------------------------------------------------

        private void operator(Observation.Operator op) {
            String refusal = switch (op.action()) {
                case START -> start(op);
                case PAUSE -> pause(op);
                case RESUME -> resume(op);
                case ABORT -> abort(op);
                case APPROVE -> approve(op);
                case RETRY -> retry(op);
            };
            if (refusal != null) {
                actions.add(new Action.Rejected(op.action(), refusal));
                actions.add(new Action.Audit(AuditType.OPERATOR_REJECTED, op.wave(), op.clusterId(), state.name(),
                        op.action().name(), refusal + " (request: " + op.reason() + ")", op.actor()));
            } else {
                actions.add(new Action.Audit(AuditType.OPERATOR_ACTION, op.wave(), op.clusterId(), null,
                        op.action().name(), op.reason(), op.actor()));
            }
        }

        private String start(Observation.Operator op) {
            if (state != PlanState.DRAFT) {
                return "the plan is " + state + "; only a DRAFT plan can be started";
            }
            plan(PlanState.RUNNING, op.reason(), op.actor());
            return null;
        }

        private String pause(Observation.Operator op) {
            if (state != PlanState.RUNNING) {
                return "the plan is " + state + "; only a RUNNING plan can be paused";
            }
            plan(PlanState.PAUSED, op.reason(), op.actor());
            return null;
        }

        private String resume(Observation.Operator op) {
            if (state == PlanState.PAUSED) {
                plan(PlanState.RUNNING, op.reason(), op.actor());
                return null;
            }
            if (state == PlanState.HALTED) {
                for (WaveRun wave : waves) {
                    if (wave.state() == WaveState.FAILED) {
                        int failures = failures(wave);
                        int allowed = allowedFailures(wave.index());
                        if (failures > allowed) {
                            return "wave " + wave.index() + " still has " + failures + " failed clusters (allowed "
                                    + allowed + "): retry them or abort the plan";
                        }
                        wave(wave, WaveState.RUNNING, "failures back within bounds", op.actor());
                    }
                }
                plan(PlanState.RUNNING, op.reason(), op.actor());
                return null;
            }
            return "the plan is " + state + "; only a PAUSED or HALTED plan can be resumed";
        }

        private String abort(Observation.Operator op) {
            if (state.terminal()) {
                return "the plan is already " + state;
            }
            for (ClusterRun run : List.copyOf(clusters.values())) {
                if (run.step() == ClusterStep.PENDING) {
                    move(run, ClusterStep.SKIPPED, "plan aborted", op.actor());
                } else if (run.step().inFlight()) {
                    if (run.step() == ClusterStep.ROLLING_SIDECARS) {
                        send(run, new AbortRoll(original.planId(), run.clusterId(), "plan aborted by " + op.actor()
                                + ": " + op.reason()));
                    }
                    ClusterRun failed = run.failed(ClusterStep.FAILED, now, FailureReason.ABORTED,
                            "aborted in step " + run.step());
                    record(run, failed, "plan aborted", op.actor());
                }
            }
            for (WaveRun wave : List.copyOf(waves)) {
                if (wave.state() != WaveState.SUCCEEDED && wave.state() != WaveState.FAILED) {
                    wave(wave, WaveState.SKIPPED, "plan aborted", op.actor());
                }
            }
            plan(PlanState.ABORTED, op.reason(), op.actor());
            return null;
        }

        private String approve(Observation.Operator op) {
            if (state.terminal()) {
                return "the plan is " + state;
            }
            WaveRun awaiting = waves.stream().filter(w -> w.state() == WaveState.AWAITING_APPROVAL).findFirst()
                    .orElse(null);
            if (awaiting == null) {
                return "no wave awaits approval";
            }
            if (op.wave() != null && op.wave() != awaiting.index()) {
                return "wave " + op.wave() + " does not await approval; wave " + awaiting.index() + " does";
            }
            waves.set(awaiting.index(), awaiting.approved(op.actor()));
            return null;
        }

        private String retry(Observation.Operator op) {
            if (state.terminal() || state == PlanState.DRAFT) {
                return "the plan is " + state + "; only a started plan's clusters can be retried";
            }
            ClusterRun run = op.clusterId() == null ? null : clusters.get(op.clusterId());
            if (run == null) {
                return "cluster " + op.clusterId() + " is not part of this plan";
            }
            if (run.step() != ClusterStep.FAILED && run.step() != ClusterStep.ROLLED_BACK) {
                return "cluster " + run.clusterId() + " is " + run.step() + "; only a FAILED or ROLLED_BACK cluster "
                        + "can be retried";
            }
            ClusterRun retried = run.newAttempt(now, correlation(run.clusterId(), run.attempt() + 1));
            record(run, retried, "retry: " + op.reason(), op.actor());
            WaveRun wave = waves.get(run.wave());
            if (wave.state() == WaveState.FAILED) {
                wave(wave, WaveState.RUNNING, "cluster " + run.clusterId() + " retried", op.actor());
            }
            if (state == PlanState.HALTED) {
                plan(PlanState.RUNNING, "cluster " + run.clusterId() + " retried", op.actor());
            }
            advanceCluster(clusters.get(run.clusterId()));
            return null;
        }

        // ---- clusters ----------------------------------------------------------------------------

        void advanceClusters() {
            for (String clusterId : List.copyOf(clusters.keySet())) {
                ClusterRun run = clusters.get(clusterId);
                if (run.step().inFlight()) {
                    advanceCluster(run);
                }
            }
        }

        private void advanceCluster(ClusterRun run) {
            ClusterFacts facts = inputs.facts().get(run.clusterId());
            switch (run.step()) {
                case AWAITING_ARTIFACT -> {
                    ArtifactStatus artifact = inputs.artifact(spec.targetVersion());
                    if (artifact.state() == ArtifactStatus.State.VERIFIED) {
                        send(run, new Preflight(run.clusterId(), spec.targetVersion(), spec.profile()));
                        move(run, ClusterStep.PREFLIGHT, "release " + spec.targetVersion() + " verified ("
                                + artifact.sha256() + ")", Decider.SYSTEM_ACTOR);
                        return;
                    }
                    if (artifact.state() == ArtifactStatus.State.REJECTED) {
                        fail(run, FailureReason.ARTIFACT_REJECTED, artifact.detail());
                        return;
                    }
                }
                case AWAITING_CONTROL_PLANE -> {
                    if (facts != null && facts.controlPlaneReadyAt(spec.targetVersion())) {
                        send(run, new RollSidecars(original.planId(), run.clusterId(), List.of(), spec.targetVersion(),
                                spec.sidecarLimits(), seconds(spec.deadlines().sidecars())));
                        move(run, ClusterStep.ROLLING_SIDECARS, "control plane ready at " + spec.targetVersion(),
                                Decider.SYSTEM_ACTOR);
                        return;
                    }
                }
                case ROLLING_SIDECARS -> {
                    // Only a report received after the roll began can prove it finished.
                    if (facts != null && !facts.lastSeen().isBefore(run.stepSince())
                            && facts.sidecarsConvergedAt(spec.targetVersion())) {
                        if (spec.smokeTests().isEmpty()) {
                            move(run, ClusterStep.SUCCEEDED, "every sidecar at " + spec.targetVersion()
                                    + "; no smoke tests", Decider.SYSTEM_ACTOR);
                        } else {
                            send(run, new RunSmokeTests(run.clusterId(), spec.smokeTests(),
                                    seconds(spec.deadlines().smokeTests())));
                            move(run, ClusterStep.SMOKE_TESTING, "every sidecar at " + spec.targetVersion(),
                                    Decider.SYSTEM_ACTOR);
                        }
                        return;
                    }
                }
                default -> {
                    // PREFLIGHT, INSTALLING, SMOKE_TESTING, ROLLING_BACK wait for answers (observations).
                }
            }
            Duration deadline = spec.deadlines().of(run.step());
            if (deadline != null && now.isAfter(run.stepSince().plus(deadline))) {
                if (run.step() == ClusterStep.ROLLING_BACK) {
                    ClusterRun failed = run.failed(ClusterStep.FAILED, now, run.failure(),
                            "rollback did not finish within " + deadline);
                    record(run, failed, failed.failureDetail(), Decider.SYSTEM_ACTOR);
                } else {
                    if (run.step() == ClusterStep.ROLLING_SIDECARS) {
                        send(run, new AbortRoll(original.planId(), run.clusterId(), "deadline exceeded"));
                    }
                    fail(run, FailureReason.DEADLINE_EXCEEDED, run.step() + " took longer than " + deadline);
                }
            }
        }

        /** Fails {@code run}; under ROLLBACK_AND_HALT re-installs its previous version when the install began. */
        private void fail(ClusterRun run, FailureReason reason, String detail) {
            boolean installTouched = switch (run.step()) {
                case INSTALLING, AWAITING_CONTROL_PLANE, ROLLING_SIDECARS, SMOKE_TESTING -> true;
                default -> false;
            };
            String previous = run.previousVersion();
            if (spec.failurePolicy() == FailurePolicy.ROLLBACK_AND_HALT && installTouched && previous != null
                    && !previous.equals(spec.targetVersion())) {
                ArtifactStatus artifact = inputs.artifact(previous);
                if (artifact.state() == ArtifactStatus.State.VERIFIED) {
                    ClusterRun rolling = run.failed(ClusterStep.ROLLING_BACK, now, reason, detail);
                    record(run, rolling, reason + ": " + detail + "; re-installing " + previous, Decider.SYSTEM_ACTOR);
                    send(rolling, install(run.clusterId(), previous, run.overlay(), artifact.sha256()));
                    return;
                }
                detail = detail + "; cannot roll back: no verified archive of " + previous;
            }
            ClusterRun failed = run.failed(ClusterStep.FAILED, now, reason, detail);
            record(run, failed, reason + ": " + detail, Decider.SYSTEM_ACTOR);
        }

        private InstallControlPlane install(String clusterId, String version, Map<String, Object> overlay,
                                            String sha256) {
            return new InstallControlPlane(clusterId, version, spec.profile(), overlay, sha256, spec.platform(),
                    spec.installer(), seconds(agentTimeout(spec.deadlines().install())));
        }

        // ---- waves -------------------------------------------------------------------------------

        void advanceWaves() {
            boolean changed = true;
            while (changed && state == PlanState.RUNNING) {
                changed = false;
                WaveRun wave = waves.stream().filter(w -> w.state() != WaveState.SUCCEEDED).findFirst().orElse(null);
                if (wave == null) {
                    plan(PlanState.SUCCEEDED, "every wave succeeded", Decider.SYSTEM_ACTOR);
                    return;
                }
                WaveSpec waveSpec = spec.waves().get(wave.index());
                switch (wave.state()) {
                    case PENDING -> {
                        if (waveSpec.requireApproval()) {
                            wave(wave, WaveState.AWAITING_APPROVAL, "wave requires approval", Decider.SYSTEM_ACTOR);
                        } else {
                            startWave(wave, "previous wave succeeded");
                        }
                        changed = true;
                    }
                    case AWAITING_APPROVAL -> {
                        if (wave.approvedBy() != null) {
                            startWave(wave, "approved by " + wave.approvedBy());
                            changed = true;
                        }
                    }
                    case RUNNING -> changed = runWave(wave, waveSpec);
                    case SOAKING -> {
                        if (!now.isBefore(wave.soakUntil())) {
                            wave(wave, WaveState.SUCCEEDED, "soaked " + waveSpec.soak(), Decider.SYSTEM_ACTOR);
                            changed = true;
                        }
                    }
                    case FAILED -> {
                        plan(PlanState.HALTED, "wave " + wave.index() + " failed", Decider.SYSTEM_ACTOR);
                        return;
                    }
                    case SUCCEEDED, SKIPPED -> {
                        return;
                    }
                }
            }
        }

        private void startWave(WaveRun wave, String reason) {
            WaveRun started = wave.started(now);
            waves.set(wave.index(), started);
            audit(AuditType.WAVE_STATE, wave.index(), null, wave.state().name(), WaveState.RUNNING.name(), reason,
                    Decider.SYSTEM_ACTOR);
        }

        /** Starts clusters up to maxConcurrency, or closes the wave; true when the wave's state changed. */
        private boolean runWave(WaveRun wave, WaveSpec waveSpec) {
            int failures = failures(wave);
            int allowed = allowedFailures(wave.index());
            if (failures > allowed) {
                wave(wave, WaveState.FAILED, failures + " failed clusters, " + allowed + " allowed",
                        Decider.SYSTEM_ACTOR);
                plan(PlanState.HALTED, "wave " + wave.index() + " exceeded maxFailures (" + allowed + ")",
                        Decider.SYSTEM_ACTOR);
                return true;
            }
            long inFlight = wave.clusters().stream().filter(c -> clusters.get(c).step().inFlight()).count();
            for (String clusterId : wave.clusters()) {
                if (inFlight >= waveSpec.maxConcurrency()) {
                    break;
                }
                ClusterRun run = clusters.get(clusterId);
                if (run.step() == ClusterStep.PENDING) {
                    ClusterRun started = run.newAttempt(now, correlation(clusterId, run.attempt() + 1));
                    record(run, started, "wave " + wave.index() + " started it", Decider.SYSTEM_ACTOR);
                    inFlight++;
                    advanceCluster(started);
                }
            }
            boolean done = wave.clusters().stream().map(clusters::get)
                    .allMatch(r -> !r.step().inFlight() && r.step() != ClusterStep.PENDING);
            if (!done) {
                return false;
            }
            if (failures(wave) > allowed) {
                return true; // the next round fails the wave
            }
            Duration soak = waveSpec.soak();
            if (soak.isZero()) {
                wave(wave, WaveState.SUCCEEDED, "every cluster done, no soak", Decider.SYSTEM_ACTOR);
            } else {
                WaveRun soaking = waves.get(wave.index()).soaking(now.plus(soak));
                waves.set(wave.index(), soaking);
                audit(AuditType.WAVE_STATE, wave.index(), null, WaveState.RUNNING.name(), WaveState.SOAKING.name(),
                        "every cluster done; soaking until " + soaking.soakUntil(), Decider.SYSTEM_ACTOR);
            }
            return true;
        }

        private int failures(WaveRun wave) {
            return (int) wave.clusters().stream().filter(c -> clusters.get(c).step().failed()).count();
        }

        private int allowedFailures(int waveIndex) {
            // The canary must pass entirely before anything else is touched.
            return waveIndex == 0 ? 0 : spec.waves().get(waveIndex).maxFailures();
        }

        // ---- bookkeeping -------------------------------------------------------------------------

        private String correlation(String clusterId, int attempt) {
            return original.planId() + "/" + clusterId + "/" + attempt;
        }

        private void send(ClusterRun run, io.meshfleet.events.Command command) {
            actions.add(new Action.Send(command, run.clusterId(), run.correlationId()));
            audit(AuditType.COMMAND_SENT, run.wave(), run.clusterId(), null,
                    io.meshfleet.events.MessageTypes.of(command).name(), "step " + clusters.get(run.clusterId()).step(),
                    Decider.SYSTEM_ACTOR);
        }

        private void move(ClusterRun run, ClusterStep next, String reason, String actor) {
            record(run, run.at(next, now), reason, actor);
        }

        private void record(ClusterRun before, ClusterRun after, String reason, String actor) {
            clusters.put(after.clusterId(), after);
            audit(AuditType.CLUSTER_STEP, after.wave(), after.clusterId(), before.step().name(), after.step().name(),
                    reason, actor);
        }

        private void wave(WaveRun wave, WaveState next, String reason, String actor) {
            WaveRun current = waves.get(wave.index());
            waves.set(wave.index(), current.with(next));
            audit(AuditType.WAVE_STATE, wave.index(), null, current.state().name(), next.name(), reason, actor);
        }

        private void plan(PlanState next, String reason, String actor) {
            audit(AuditType.PLAN_STATE, null, null, state.name(), next.name(), reason, actor);
            state = next;
        }

        private void audit(AuditType type, Integer wave, String clusterId, String from, String to, String reason,
                           String actor) {
            actions.add(new Action.Audit(type, wave, clusterId, from, to, reason, actor));
        }

        private static int seconds(Duration duration) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toSeconds()));
        }
    }
}
