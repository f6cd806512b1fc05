package io.meshfleet.roller.roll;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.DisruptionBudgetState;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster for the roll tests and the benchmark, the agent's side in miniature: workloads whose pods,
 * once restarted, are Pending at the new proxy version for a while and then READY 2/2 (or crash-loop),
 * reported as {@link ClusterState}s with a rising generation.
 */
final class SimulatedCluster {

    static final String OLD = "1.6.14-asm.1";
    static final String TARGET = "1.5.10-asm.2";

    private final class Workload {
        final String namespace;
        final WorkloadKind kind;
        final String name;
        final int replicas;
        String version = OLD;
        Instant restartedAt;
        int restarts;

        Workload(String namespace, WorkloadKind kind, String name, int replicas) {
            this.namespace = namespace;
            this.kind = kind;
            this.name = name;
            this.replicas = replicas;
        }
    }

    private final String clusterId;
    private final Map<String, List<Workload>> namespaces = new LinkedHashMap<>();
    private final Map<String, List<DisruptionBudgetState>> budgets = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    private final Set<String> crashLooping = new HashSet<>();
    private Duration convergeAfter = Duration.ofSeconds(30);
    private long generation;

    SimulatedCluster(String clusterId) {
        this.clusterId = clusterId;
    }

    SimulatedCluster namespace(String namespace) {
        namespaces.computeIfAbsent(namespace, n -> new ArrayList<>());
        return this;
    }

    /** Sets a namespace's labels. */
    SimulatedCluster labels(String namespace, Map<String, String> values) {
        labels.put(namespace, Map.copyOf(values));
        return this;
    }

    SimulatedCluster deployment(String namespace, String name, int replicas) {
        return workload(namespace, WorkloadKind.DEPLOYMENT, name, replicas);
    }

    SimulatedCluster workload(String namespace, WorkloadKind kind, String name, int replicas) {
        namespaces.computeIfAbsent(namespace, n -> new ArrayList<>()).add(new Workload(namespace, kind, name, replicas));
        return this;
    }

    SimulatedCluster converged(String namespace, String name) {
        find(namespace, name).version = TARGET;
        return this;
    }

    SimulatedCluster budget(String namespace, String name, int disruptionsAllowed, String... workloads) {
        List<DisruptionBudgetState> list = budgets.computeIfAbsent(namespace, n -> new ArrayList<>());
        list.removeIf(b -> b.name().equals(name));
        list.add(new DisruptionBudgetState(name, List.of(workloads).stream()
                .map(w -> new WorkloadRef(WorkloadKind.DEPLOYMENT, w)).toList(), disruptionsAllowed));
        return this;
    }

    /** Pods of this workload crash after a restart onto the new proxy. */
    SimulatedCluster crashLoopsAfterRestart(String namespace, String name) {
        crashLooping.add(namespace + "/" + name);
        return this;
    }

    SimulatedCluster convergeAfter(Duration delay) {
        this.convergeAfter = delay;
        return this;
    }

    /** The agent executing a RestartWorkloads at {@code at}. */
    void restart(String namespace, List<WorkloadRef> refs, Instant at) {
        for (WorkloadRef ref : refs) {
            Workload workload = find(namespace, ref.name());
            workload.version = TARGET;
            workload.restartedAt = at;
            workload.restarts++;
        }
    }

    /** How often each workload of a namespace was restarted. */
    int restarts(String namespace, String name) {
        return find(namespace, name).restarts;
    }

    int totalRestarts() {
        return namespaces.values().stream().flatMap(List::stream).mapToInt(w -> w.restarts).sum();
    }

    /** The agent's report at {@code now}. */
    ClusterState state(Instant now) {
        List<NamespaceState> list = new ArrayList<>();
        for (Map.Entry<String, List<Workload>> ns : namespaces.entrySet()) {
            List<WorkloadState> workloads = new ArrayList<>();
            for (Workload w : ns.getValue()) {
                List<PodState> pods = new ArrayList<>();
                for (int i = 0; i < w.replicas; i++) {
                    pods.add(pod(w, i, now));
                }
                workloads.add(new WorkloadState(w.kind, w.name, w.replicas, pods));
            }
            list.add(new NamespaceState(ns.getKey(), true, workloads, budgets.getOrDefault(ns.getKey(), List.of()),
                    labels.getOrDefault(ns.getKey(), Map.of())));
        }
        return new ClusterState(clusterId, ++generation, ClusterKind.USER, Map.of(), TARGET,
                new ControlPlaneState(TARGET, List.of()), list, now);
    }

    private PodState pod(Workload w, int i, Instant now) {
        String name = w.name + "-" + (w.restarts) + "-" + i;
        if (w.restartedAt == null) {
            return new PodState(name, PodPhase.RUNNING, 2, 2, 0, w.version, "ReplicaSet", w.name);
        }
        boolean settled = !now.isBefore(w.restartedAt.plus(convergeAfter));
        if (crashLooping.contains(w.namespace + "/" + w.name)) {
            return settled ? new PodState(name, PodPhase.RUNNING, 1, 2, 5, w.version, "ReplicaSet", w.name)
                    : new PodState(name, PodPhase.PENDING, 0, 2, 0, w.version, "ReplicaSet", w.name);
        }
        return settled ? new PodState(name, PodPhase.RUNNING, 2, 2, 0, w.version, "ReplicaSet", w.name)
                : new PodState(name, PodPhase.PENDING, 0, 2, 0, w.version, "ReplicaSet", w.name);
    }

    private Workload find(String namespace, String name) {
        return namespaces.getOrDefault(namespace, List.of()).stream().filter(w -> w.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workload " + namespace + "/" + name));
    }
}
