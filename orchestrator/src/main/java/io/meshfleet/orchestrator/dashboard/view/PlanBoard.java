package io.meshfleet.orchestrator.dashboard.view;

import io.meshfleet.orchestrator.plan.ClusterStep;
import io.meshfleet.orchestrator.plan.PlanState;
import io.meshfleet.orchestrator.plan.Rollout;
import io.meshfleet.orchestrator.plan.WaveSpec;
import io.meshfleet.orchestrator.plan.WaveState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's plan view as data: the waves as a timeline (the canary first), every cluster's step with its
 * namespaces' sidecar progress, the failures with their reasons, the soak countdowns, and which operator actions
 * the viewer may take now. Built from a {@link Rollout}, the {@link ProgressLedger}'s bars and the viewer's roles;
 * the server refuses an action anyway when the plan's state or the roles do not allow it.
 *
 * @param planId        the plan
 * @param name          its name
 * @param targetVersion the version it moves clusters to
 * @param state         the plan's state
 * @param terminal      whether nothing more can happen
 * @param succeeded     clusters that succeeded
 * @param total         clusters of the plan
 * @param waves         the waves, canary first
 * @param failures      every failed cluster with its reason
 * @param actions       the plan-wide actions the viewer may take now
 */
public record PlanBoard(String planId, String name, String targetVersion, PlanState state, boolean terminal,
                        int succeeded, int total, List<WaveCard> waves, List<Failure> failures, Actions actions) {

    /** What the viewer's token allows. */
    public record Permissions(boolean operator, boolean approver) {

        /** A viewer: no actions. */
        public static final Permissions VIEWER = new Permissions(false, false);
    }

    /** The plan-wide buttons to show. */
    public record Actions(boolean start, boolean pause, boolean resume, boolean abort, boolean approve) {

        /** Whether any button is shown. */
        public boolean any() {
            return start || pause || resume || abort || approve;
        }
    }

    /**
     * One wave on the timeline.
     *
     * @param index           its index (0: the canary)
     * @param canary          whether it is the canary wave
     * @param state           its state
     * @param requireApproval whether it waits for an approver before it starts
     * @param approvedBy      who approved it, or null
     * @param soakSecondsLeft seconds of soak left while SOAKING, else 0
     * @param soak            the configured soak, for display
     * @param succeeded       clusters of the wave that succeeded
     * @param clusters        its clusters
     */
    public record WaveCard(int index, boolean canary, WaveState state, boolean requireApproval, String approvedBy,
                           long soakSecondsLeft, Duration soak, int succeeded, List<ClusterCard> clusters) {

        /** Whether the wave waits out its soak now. */
        public boolean soaking() {
            return state == WaveState.SOAKING;
        }

        /** The soak left, for people. */
        public String soakLeftText() {
            return Texts.duration(soakSecondsLeft);
        }

        /** The configured soak for people, or null when the wave has none. */
        public String soakText() {
            return soak.isZero() ? null : Texts.duration(soak);
        }

        /** The wave's title: Canary or Wave n. */
        public String title() {
            return canary ? "Canary (wave 0)" : "Wave " + index;
        }
    }

    /**
     * One cluster's line.
     *
     * @param clusterId  the cluster
     * @param step       its step
     * @param stepSince  when it entered the step, or null
     * @param attempt    its attempt (1, +1 per retry)
     * @param failure    why it failed, or null
     * @param detail     what happened, or null
     * @param retry      whether the viewer may retry it now
     * @param namespaces its namespaces' sidecar progress (empty before its roll reported)
     */
    public record ClusterCard(String clusterId, ClusterStep step, Instant stepSince, int attempt, String failure,
                              String detail, boolean retry, List<ProgressLedger.NamespaceBar> namespaces) {

        /** When it entered its step, for people. */
        public String sinceText() {
            return Texts.time(stepSince);
        }

        /** CSS class of the step: ok, bad, run or idle. */
        public String tone() {
            return tone(step);
        }

        static String tone(ClusterStep step) {
            if (step == ClusterStep.SUCCEEDED) {
                return "ok";
            }
            if (step.failed()) {
                return "bad";
            }
            return step.inFlight() ? "run" : "idle";
        }
    }

    /** A failed cluster and why. */
    public record Failure(String clusterId, int wave, ClusterStep step, String reason, String detail) {
    }

    /** Builds the board of {@code rollout} at {@code now}. */
    public static PlanBoard of(Rollout rollout, String name, Map<String, List<ProgressLedger.NamespaceBar>> progress,
                               Permissions who, Instant now) {
        PlanState state = rollout.state();
        boolean live = !state.terminal();
        List<WaveCard> waves = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int succeeded = 0;
        boolean awaitingApproval = false;
        for (Rollout.WaveRun wave : rollout.waves()) {
            WaveSpec spec = wave.index() < rollout.spec().waves().size() ? rollout.spec().waves().get(wave.index())
                    : null;
            List<ClusterCard> cards = new ArrayList<>();
            int waveSucceeded = 0;
            for (String clusterId : wave.clusters()) {
                Rollout.ClusterRun run = rollout.clusters().get(clusterId);
                if (run == null) {
                    continue;
                }
                if (run.step() == ClusterStep.SUCCEEDED) {
                    waveSucceeded++;
                }
                boolean failed = run.step().failed() || run.failure() != null;
                if (failed) {
                    failures.add(new Failure(clusterId, wave.index(), run.step(),
                            run.failure() == null ? null : run.failure().name(), run.failureDetail()));
                }
                boolean retry = who.operator() && live && state != PlanState.DRAFT
                        && (run.step() == ClusterStep.FAILED || run.step() == ClusterStep.ROLLED_BACK);
                cards.add(new ClusterCard(clusterId, run.step(), run.stepSince(), run.attempt(),
                        run.failure() == null ? null : run.failure().name(), run.failureDetail(), retry,
                        progress.getOrDefault(clusterId, List.of())));
            }
            succeeded += waveSucceeded;
            long soakLeft = wave.state() == WaveState.SOAKING && wave.soakUntil() != null
                    ? Math.max(0, Duration.between(now, wave.soakUntil()).toSeconds()) : 0;
            awaitingApproval |= wave.state() == WaveState.AWAITING_APPROVAL;
            waves.add(new WaveCard(wave.index(), wave.index() == 0, wave.state(),
                    spec != null && spec.requireApproval(), wave.approvedBy(), soakLeft,
                    spec == null || spec.soak() == null ? Duration.ZERO : spec.soak(), waveSucceeded,
                    List.copyOf(cards)));
        }
        boolean op = who.operator();
        Actions actions = new Actions(op && state == PlanState.DRAFT, op && state == PlanState.RUNNING,
                op && (state == PlanState.PAUSED || state == PlanState.HALTED), op && live,
                who.approver() && live && awaitingApproval);
        return new PlanBoard(rollout.planId(), name, rollout.spec().targetVersion(), state, state.terminal(),
                succeeded, rollout.clusters().size(), List.copyOf(waves), List.copyOf(failures), actions);
    }
}
