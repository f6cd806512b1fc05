package io.meshfleet.roller.roll;

import io.meshfleet.events.ClusterState;
import io.meshfleet.events.DisruptionBudgetState;
import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodProblem;
import io.meshfleet.events.PodState;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.roller.convergence.NamespaceConvergence;
import io.meshfleet.roller.pacing.Limit;
import io.meshfleet.roller.pacing.Pacer;
import io.meshfleet.roller.roll.RollAction.DeadlineMoved;
import io.meshfleet.roller.roll.RollAction.Failed;
import io.meshfleet.roller.roll.RollAction.NamespaceSkipped;
import io.meshfleet.roller.roll.RollAction.NamespaceStarted;
import io.meshfleet.roller.roll.RollAction.NamespaceSucceeded;
import io.meshfleet.roller.roll.RollAction.NamespacesPlanned;
import io.meshfleet.roller.roll.RollAction.ProgressReported;
import io.meshfleet.roller.roll.RollAction.RestartIssued;
import io.meshfleet.roller.roll.RollAction.StatusChanged;
import io.meshfleet.roller.roll.RollAction.WorkloadBlocked;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The roll of one plan on one cluster: which namespaces roll in which order, which workloads were
 * restarted, and the decision pass that turns the cluster's latest state report into the next
 * {@link RollAction}s. Pure: time comes in as {@code now}, budgets as a {@link Pacer}, observations as a
 * {@link ClusterState}; nothing is sent or stored here.
 *
 * <p>Every change of this object goes through {@link #apply}, so the actions a pass returns are exactly
 * what changed, and applying persisted actions to a fresh roll rebuilds it after a crash.
 *
 * <p>Per pass, for each rolling namespace: it converged (every pod READY n/n at the target), or it fails
 * (a restarted pod crash-loops, or its deadline passed), or it goes on. Then namespaces start in order,
 * at most {@link Settings#maxParallelNamespaces} rolling at once; then restarts are issued
 * round-robin over those namespaces, one workload per namespace per round, each workload in the order
 * of the state report and only when its namespace's maxUnavailable, its PodDisruptionBudgets and the
 * namespace, cluster and fleet budgets allow. Each workload is restarted at most once per roll.
 */
public final class SidecarRoll {

    /** Reason of a namespace whose restarted pods crash-loop. */
    public static final String CRASH_LOOPING = "CRASH_LOOPING";
    /** Reason of a namespace that did not converge in time. */
    public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** Reason of a listed namespace the cluster does not have. */
    public static final String NAMESPACE_NOT_FOUND = "NAMESPACE_NOT_FOUND";
    /** Reason of a roll given up on an AbortRoll. */
    public static final String ABORTED = "ABORTED";

    /**
     * How the roller runs every roll.
     *
     * @param maxParallelNamespaces namespaces of one roll that may roll (started, not yet converged or failed) at once
     * @param allowBarePodDeletion  whether bare pods and Job pods are restarted (deleted) too
     */
    public record Settings(int maxParallelNamespaces, boolean allowBarePodDeletion) {
        public Settings {
            if (maxParallelNamespaces < 1) {
                throw new IllegalArgumentException("maxParallelNamespaces must be at least 1, was " + maxParallelNamespaces);
            }
        }
    }

    /**
     * A read-only view of one namespace of the roll.
     *
     * @param blocked the workloads ({@code Kind/name}) that need a restart but wait, with the reason
     */
    public record NamespaceView(String name, NamespacePhase phase, Instant startedAt, Instant deadline,
                                int restartedWorkloads, int restartedPods, Map<String, String> blocked) {
    }

    private static final class NamespaceRoll {
        final String name;
        NamespacePhase phase = NamespacePhase.WAITING;
        Instant startedAt;
        Instant deadline;
        final Map<WorkloadRef, RestartedWorkload> restarted = new LinkedHashMap<>();
        Map<WorkloadRef, String> blocked = Map.of();
        NamespaceProgress lastProgress;

        NamespaceRoll(String name) {
            this.name = name;
        }

        int restartedPods() {
            return restarted.values().stream().mapToInt(RestartedWorkload::pods).sum();
        }
    }

    private final RollSidecars command;
    private final Settings settings;
    private final Map<String, NamespaceRoll> namespaces = new LinkedHashMap<>();
    private RollStatus status = RollStatus.RUNNING;
    private Instant pausedAt;
    private boolean planned;
    private int rotation;

    /** A new roll of {@code command}, running, with no namespace planned yet (that needs a state report). */
    public SidecarRoll(RollSidecars command, Settings settings) {
        this.command = Objects.requireNonNull(command, "command is required");
        this.settings = Objects.requireNonNull(settings, "settings is required");
    }

    /** The command this roll carries out. */
    public RollSidecars command() {
        return command;
    }

    /** The plan. */
    public String planId() {
        return command.planId();
    }

    /** The cluster. */
    public String clusterId() {
        return command.clusterId();
    }

    /** Where the roll stands. */
    public RollStatus status() {
        return status;
    }

    /** When the roll was paused, or null when it is not paused. */
    public Instant pausedAt() {
        return pausedAt;
    }

    /** Its namespaces in roll order (empty until planned). */
    public List<NamespaceView> namespaces() {
        return namespaces.values().stream().map(ns -> {
            Map<String, String> blocked = new LinkedHashMap<>();
            ns.blocked.forEach((ref, reason) -> blocked.put(ref.kind().kubernetesKind() + "/" + ref.name(), reason));
            return new NamespaceView(ns.name, ns.phase, ns.startedAt, ns.deadline, ns.restarted.size(),
                    ns.restartedPods(), Collections.unmodifiableMap(blocked));
        }).toList();
    }

    /**
     * Pods of unfinished namespaces that still need a restart according to {@code state} (0 without a
     * state or when finished). {@link RollFleet} serves the rolls with the most left first, so that under
     * a fleet limit the clusters finish together instead of the last ones running alone at their cluster
     * limit.
     */
    public int podsToRestart(ClusterState state) {
        if (state == null || status.isFinal()) {
            return 0;
        }
        int pods = 0;
        for (NamespaceState ns : state.namespaces()) {
            NamespaceRoll roll = namespaces.get(ns.name());
            boolean included = planned ? roll != null && !roll.phase.isFinal() : plan(state).contains(ns.name());
            if (included) {
                NamespaceRoll counted = roll != null ? roll : new NamespaceRoll(ns.name());
                for (WorkloadState workload : candidates(counted, ns)) {
                    pods += workload.pods().size();
                }
            }
        }
        return pods;
    }

    /** Workloads of rolling namespaces that need a restart but wait for a PodDisruptionBudget or a person. */
    public int blockedWorkloads() {
        return namespaces.values().stream().filter(ns -> ns.phase == NamespacePhase.ROLLING)
                .mapToInt(ns -> ns.blocked.size()).sum();
    }

    /** Whether {@code workload} of {@code namespace} was restarted for this roll. */
    public boolean wasRestarted(String namespace, WorkloadRef workload) {
        NamespaceRoll ns = namespaces.get(namespace);
        return ns != null && ns.restarted.containsKey(workload);
    }

    /** Stops starting restarts; deadlines stand still until {@link #resume}. */
    public List<RollAction> pause(Instant now) {
        List<RollAction> out = new ArrayList<>();
        if (status == RollStatus.RUNNING) {
            emit(out, new StatusChanged(RollStatus.PAUSED, now));
        }
        return out;
    }

    /** Resumes a paused roll; the deadlines of rolling namespaces move by the time it was paused. */
    public List<RollAction> resume(Instant now) {
        List<RollAction> out = new ArrayList<>();
        if (status != RollStatus.PAUSED) {
            return out;
        }
        Duration paused = Duration.between(pausedAt, now);
        for (NamespaceRoll ns : namespaces.values()) {
            if (ns.phase == NamespacePhase.ROLLING && !paused.isNegative() && !paused.isZero()) {
                emit(out, new DeadlineMoved(ns.name, ns.deadline.plus(paused)));
            }
        }
        emit(out, new StatusChanged(RollStatus.RUNNING, now));
        return out;
    }

    /** Gives the roll up: no further restart starts. */
    public List<RollAction> abort(Instant now) {
        List<RollAction> out = new ArrayList<>();
        if (!status.isFinal()) {
            emit(out, new StatusChanged(RollStatus.ABORTED, now));
            emit(out, new Failed(new RollFailed(planId(), clusterId(), null, ABORTED, List.of())));
        }
        return out;
    }

    /** Applies one action to this roll: what {@link #step} does with the actions it decides, and what a restore replays. */
    public void apply(RollAction action) {
        if (action instanceof NamespacesPlanned planned) {
            for (String name : planned.namespaces()) {
                namespaces.putIfAbsent(name, new NamespaceRoll(name));
            }
            this.planned = true;
        } else if (action instanceof NamespaceStarted started) {
            NamespaceRoll ns = namespace(started.namespace());
            ns.phase = NamespacePhase.ROLLING;
            ns.startedAt = started.at();
            ns.deadline = started.deadline();
        } else if (action instanceof DeadlineMoved moved) {
            namespace(moved.namespace()).deadline = moved.deadline();
        } else if (action instanceof RestartIssued issued) {
            NamespaceRoll ns = namespace(issued.namespace());
            for (RestartedWorkload workload : issued.workloads()) {
                ns.restarted.putIfAbsent(workload.ref(), workload);
            }
        } else if (action instanceof WorkloadBlocked blocked) {
            NamespaceRoll ns = namespace(blocked.namespace());
            Map<WorkloadRef, String> now = new LinkedHashMap<>(ns.blocked);
            now.put(blocked.workload(), blocked.reason());
            ns.blocked = Collections.unmodifiableMap(now);
        } else if (action instanceof ProgressReported progress) {
            namespace(progress.progress().namespace()).lastProgress = progress.progress();
        } else if (action instanceof NamespaceSucceeded converged) {
            namespace(converged.event().namespace()).phase = NamespacePhase.CONVERGED;
        } else if (action instanceof Failed failed) {
            if (failed.event().namespace() != null) {
                namespace(failed.event().namespace()).phase = NamespacePhase.FAILED;
            }
        } else if (action instanceof NamespaceSkipped skipped) {
            namespace(skipped.namespace()).phase = NamespacePhase.SKIPPED;
        } else if (action instanceof StatusChanged changed) {
            status = changed.status();
            pausedAt = changed.status() == RollStatus.PAUSED ? changed.at() : null;
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }

    /**
     * One decision pass at {@code now} on the cluster's latest state report (null when none has arrived:
     * nothing happens). Spends what it restarts from {@code pacer}.
     */
    public List<RollAction> step(ClusterState state, Instant now, Pacer pacer) {
        List<RollAction> out = new ArrayList<>();
        if (status.isFinal() || state == null) {
            return out;
        }
        if (!state.clusterId().equals(clusterId())) {
            throw new IllegalArgumentException("roll of " + clusterId() + " given the state of " + state.clusterId());
        }
        Map<String, NamespaceState> observed = new LinkedHashMap<>();
        state.namespaces().forEach(ns -> observed.put(ns.name(), ns));
        if (!planned) {
            emit(out, new NamespacesPlanned(plan(state)));
        }
        judgeRolling(observed, now, out);
        if (status == RollStatus.RUNNING) {
            stopAfterFailure(out);
            startNamespaces(observed, now, out);
            issueRestarts(observed, now, pacer, out);
        }
        reportProgress(observed, out);
        finishIfDone(now, out);
        return out;
    }

    private List<String> plan(ClusterState state) {
        List<String> names = new ArrayList<>(command.namespaces().isEmpty()
                ? state.namespaces().stream().filter(NamespaceState::injectionEnabled).map(NamespaceState::name).toList()
                : command.namespaces());
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        state.namespaces().forEach(ns -> labels.put(ns.name(), ns.labels()));
        return NamespaceOrdering.order(names, command.namespaceOrder(), command.orderLabel(), labels);
    }

    private void judgeRolling(Map<String, NamespaceState> observed, Instant now, List<RollAction> out) {
        String target = command.targetProxyVersion();
        for (NamespaceRoll ns : namespaces.values()) {
            if (ns.phase != NamespacePhase.ROLLING) {
                continue;
            }
            NamespaceState state = observed.get(ns.name);
            if (state == null) {
                emit(out, new Failed(new RollFailed(planId(), clusterId(), ns.name, NAMESPACE_NOT_FOUND, List.of())));
                continue;
            }
            NamespaceConvergence convergence = NamespaceConvergence.of(state, target);
            if (convergence.isConverged()) {
                emitProgress(ns, state, out);
                emit(out, new NamespaceSucceeded(new NamespaceConverged(planId(), clusterId(), ns.name,
                        convergence.total())));
                continue;
            }
            boolean crashLooping = state.workloads().stream()
                    .anyMatch(w -> ns.restarted.containsKey(w.ref()) && !NamespaceConvergence.crashLooping(w, target).isEmpty());
            if (crashLooping) {
                emit(out, new Failed(new RollFailed(planId(), clusterId(), ns.name, CRASH_LOOPING, problems(ns, state))));
            } else if (status == RollStatus.RUNNING && !now.isBefore(ns.deadline)) {
                emit(out, new Failed(new RollFailed(planId(), clusterId(), ns.name, DEADLINE_EXCEEDED, problems(ns, state))));
            }
        }
    }

    /**
     * The pods that did not converge, crash-looping ones first: they are why the namespace failed, and a reader of a
     * long list (or of its first lines only) must see them before the pods that merely were not restarted yet.
     */
    private List<PodProblem> problems(NamespaceRoll ns, NamespaceState state) {
        List<PodProblem> crashing = new ArrayList<>();
        List<PodProblem> others = new ArrayList<>();
        String target = command.targetProxyVersion();
        for (WorkloadState workload : state.workloads()) {
            String blocked = ns.blocked.get(workload.ref());
            for (PodState pod : workload.pods()) {
                String problem = NamespaceConvergence.problem(pod, target);
                if (problem == null) {
                    continue;
                }
                PodProblem named = new PodProblem(pod.name(), blocked == null ? problem : problem + "; not restarted: " + blocked);
                (NamespaceConvergence.crashLoops(pod, target) ? crashing : others).add(named);
            }
        }
        crashing.addAll(others);
        return crashing;
    }

    private void stopAfterFailure(List<RollAction> out) {
        boolean failed = namespaces.values().stream().anyMatch(ns -> ns.phase == NamespacePhase.FAILED);
        if (failed && command.onNamespaceFailure() == NamespaceFailurePolicy.STOP_CLUSTER) {
            for (NamespaceRoll ns : namespaces.values()) {
                if (ns.phase == NamespacePhase.WAITING) {
                    emit(out, new NamespaceSkipped(ns.name));
                }
            }
        }
    }

    private void startNamespaces(Map<String, NamespaceState> observed, Instant now, List<RollAction> out) {
        for (NamespaceRoll ns : namespaces.values()) {
            if (ns.phase != NamespacePhase.WAITING) {
                continue;
            }
            // A namespace counts until it converged or failed, so that a broken proxy found in one namespace
            // is not already restarting in the next.
            long rolling = namespaces.values().stream().filter(other -> other.phase == NamespacePhase.ROLLING).count();
            if (rolling >= settings.maxParallelNamespaces()) {
                return;
            }
            emit(out, new NamespaceStarted(ns.name, now, now.plusSeconds(command.deadlineSeconds())));
            if (!observed.containsKey(ns.name)) {
                emit(out, new Failed(new RollFailed(planId(), clusterId(), ns.name, NAMESPACE_NOT_FOUND, List.of())));
                stopAfterFailure(out);
            }
        }
    }

    /** The workloads of a namespace still to restart, in report order; records the ones that cannot be. */
    private List<WorkloadState> candidates(NamespaceRoll ns, NamespaceState state) {
        List<WorkloadState> candidates = new ArrayList<>();
        for (WorkloadState workload : state.workloads()) {
            if (NamespaceConvergence.needsRestart(workload, command.targetProxyVersion())
                    && !ns.restarted.containsKey(workload.ref()) && restartable(workload) == null) {
                candidates.add(workload);
            }
        }
        return candidates;
    }

    private String restartable(WorkloadState workload) {
        return switch (workload.kind()) {
            case DEPLOYMENT, STATEFUL_SET, DAEMON_SET -> null;
            case POD, JOB -> settings.allowBarePodDeletion() ? null
                    : "a bare " + workload.kind().kubernetesKind() + " pod is only deleted when bare pod deletion is"
                            + " allowed (meshfleet.roller.allow-bare-pod-deletion); delete it by hand";
            case OTHER -> "owned by a controller meshfleet cannot restart; restart it by hand";
        };
    }

    /** Per rolling namespace during one issue pass. */
    private final class Issuing {
        final NamespaceRoll ns;
        final NamespaceState state;
        final List<WorkloadState> queue;
        final int maxUnavailable;
        final Map<WorkloadRef, String> blocked = new LinkedHashMap<>();
        final List<RestartedWorkload> batch = new ArrayList<>();
        int inFlight;
        int next;
        boolean done;

        Issuing(NamespaceRoll ns, NamespaceState state) {
            this.ns = ns;
            this.state = state;
            this.queue = candidates(ns, state);
            int pods = state.workloads().stream().mapToInt(w -> w.pods().size()).sum();
            this.maxUnavailable = command.limits().maxUnavailablePods(pods);
            for (WorkloadState workload : state.workloads()) {
                RestartedWorkload restarted = ns.restarted.get(workload.ref());
                if (restarted != null && !NamespaceConvergence.converged(workload, command.targetProxyVersion())) {
                    inFlight += Math.max(restarted.pods(), workload.pods().size());
                }
                String reason = NamespaceConvergence.needsRestart(workload, command.targetProxyVersion())
                        && !ns.restarted.containsKey(workload.ref()) ? restartable(workload) : null;
                if (reason != null) {
                    blocked.put(workload.ref(), reason);
                }
            }
        }

        boolean restarting(WorkloadRef ref) {
            if (!ns.restarted.containsKey(ref)) {
                return false;
            }
            return state.workloads().stream().filter(w -> w.ref().equals(ref)).findFirst()
                    .map(w -> !NamespaceConvergence.converged(w, command.targetProxyVersion())).orElse(false);
        }

        String budgetBlock(WorkloadState workload) {
            for (DisruptionBudgetState budget : state.disruptionBudgets()) {
                if (!budget.workloads().contains(workload.ref())) {
                    continue;
                }
                if (budget.disruptionsAllowed() == 0) {
                    return "PodDisruptionBudget " + budget.name() + " allows no disruption now";
                }
                for (WorkloadRef other : budget.workloads()) {
                    if (!other.equals(workload.ref()) && restarting(other)) {
                        return "PodDisruptionBudget " + budget.name() + " covers " + other.kind().kubernetesKind() + "/"
                                + other.name() + ", which is still restarting";
                    }
                }
            }
            return null;
        }
    }

    private void issueRestarts(Map<String, NamespaceState> observed, Instant now, Pacer pacer, List<RollAction> out) {
        List<Issuing> rolling = new ArrayList<>();
        for (NamespaceRoll ns : namespaces.values()) {
            if (ns.phase == NamespacePhase.ROLLING && observed.containsKey(ns.name)) {
                rolling.add(new Issuing(ns, observed.get(ns.name)));
            }
        }
        if (!rolling.isEmpty()) {
            Collections.rotate(rolling, -(rotation++ % rolling.size()));
        }
        boolean issuedInRound = true;
        while (issuedInRound) {
            issuedInRound = false;
            for (Issuing ns : rolling) {
                if (ns.done) {
                    continue;
                }
                Optional<WorkloadState> head = Optional.empty();
                while (ns.next < ns.queue.size()) {
                    WorkloadState candidate = ns.queue.get(ns.next);
                    String budgetBlock = ns.budgetBlock(candidate);
                    if (budgetBlock == null) {
                        head = Optional.of(candidate);
                        break;
                    }
                    // A workload its PodDisruptionBudget holds back waits without holding back the others.
                    ns.blocked.put(candidate.ref(), budgetBlock);
                    ns.next++;
                }
                if (head.isEmpty()) {
                    ns.done = true;
                    continue;
                }
                WorkloadState workload = head.get();
                int pods = Math.max(1, workload.pods().size());
                if (ns.inFlight > 0 && ns.inFlight + pods > ns.maxUnavailable) {
                    ns.done = true; // maxUnavailable: wait for the namespace's restarting pods; the head keeps its turn
                    continue;
                }
                String key = workload.kind().name() + '/' + workload.name();
                Optional<Limit> limit = pacer.check(clusterId(), ns.ns.name, key, pods,
                        command.limits().podsPerMinutePerNamespace(), command.limits().podsPerMinutePerCluster(), now);
                if (limit.isPresent()) {
                    // The head keeps its turn (and, for a cluster or fleet limit, its reservation in the pacer).
                    ns.done = true;
                    continue;
                }
                pacer.spend(clusterId(), ns.ns.name, key, pods, now);
                RestartedWorkload restarted = new RestartedWorkload(workload.ref(), pods);
                ns.batch.add(restarted);
                ns.ns.restarted.put(workload.ref(), restarted); // visible to PodDisruptionBudget checks of this pass
                ns.inFlight += pods;
                ns.next++;
                issuedInRound = true;
            }
        }
        for (Issuing ns : rolling) {
            ns.batch.forEach(restarted -> ns.ns.restarted.remove(restarted.ref()));
            if (!ns.batch.isEmpty()) {
                emit(out, new RestartIssued(ns.ns.name, ns.batch, now));
            }
            for (Map.Entry<WorkloadRef, String> blocked : ns.blocked.entrySet()) {
                if (!ns.ns.restarted.containsKey(blocked.getKey())
                        && !blocked.getValue().equals(ns.ns.blocked.get(blocked.getKey()))) {
                    emit(out, new WorkloadBlocked(ns.ns.name, blocked.getKey(), blocked.getValue()));
                }
            }
            // Blocks that no longer hold are forgotten; the map is only ever replaced, never changed in place.
            Map<WorkloadRef, String> still = new LinkedHashMap<>(ns.ns.blocked);
            still.keySet().retainAll(ns.blocked.keySet());
            still.keySet().removeAll(ns.ns.restarted.keySet());
            ns.ns.blocked = Collections.unmodifiableMap(still);
        }
    }

    private void reportProgress(Map<String, NamespaceState> observed, List<RollAction> out) {
        for (NamespaceRoll ns : namespaces.values()) {
            if (ns.phase == NamespacePhase.ROLLING && observed.containsKey(ns.name)) {
                emitProgress(ns, observed.get(ns.name), out);
            }
        }
    }

    private void emitProgress(NamespaceRoll ns, NamespaceState state, List<RollAction> out) {
        NamespaceConvergence convergence = NamespaceConvergence.of(state, command.targetProxyVersion());
        int remaining = convergence.total() - convergence.converged();
        int rate = Math.min(command.limits().podsPerMinutePerNamespace(), command.limits().podsPerMinutePerCluster());
        long eta = (long) Math.ceil(remaining * 60.0 / rate);
        NamespaceProgress progress = new NamespaceProgress(planId(), clusterId(), ns.name, ns.restartedPods(),
                convergence.converged(), convergence.total(), eta);
        NamespaceProgress last = ns.lastProgress;
        if (last == null || last.restarted() != progress.restarted() || last.converged() != progress.converged()
                || last.total() != progress.total()) {
            emit(out, new ProgressReported(progress));
        }
    }

    private void finishIfDone(Instant now, List<RollAction> out) {
        if (status.isFinal() || !planned || !namespaces.values().stream().allMatch(ns -> ns.phase.isFinal())) {
            return;
        }
        boolean failed = namespaces.values().stream().anyMatch(ns -> ns.phase != NamespacePhase.CONVERGED);
        emit(out, new StatusChanged(failed ? RollStatus.FAILED : RollStatus.SUCCEEDED, now));
    }

    private NamespaceRoll namespace(String name) {
        NamespaceRoll ns = namespaces.get(name);
        if (ns == null) {
            throw new IllegalStateException("namespace " + name + " is not planned in roll " + planId() + "/" + clusterId());
        }
        return ns;
    }

    private void emit(List<RollAction> out, RollAction action) {
        apply(action);
        out.add(action);
    }
}
