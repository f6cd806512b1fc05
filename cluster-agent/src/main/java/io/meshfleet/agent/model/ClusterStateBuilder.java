package io.meshfleet.agent.model;

import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.DisruptionBudgetState;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Shapes a {@link ClusterObservation} into {@link StateContent}: the control plane from {@code istio-system}, and
 * for each namespace with sidecar injection its labels, its workloads with their pods (bare pods as workloads of their
 * own) and its PodDisruptionBudgets, each with the workloads whose pods (or pod template) its selector matches.
 * The mesh version is the version every Running and Ready istiod runs; while two versions run (mid-install) or
 * none is ready it is null.
 */
public final class ClusterStateBuilder {

    /** The namespace of the control plane. */
    public static final String CONTROL_PLANE_NAMESPACE = "istio-system";

    private static final Comparator<PodState> BY_NAME = Comparator.comparing(PodState::name);

    private ClusterStateBuilder() {
    }

    /** The content of a report on {@code observation}. */
    public static StateContent content(ClusterObservation observation) {
        List<PodState> controlPlanePods = new ArrayList<>();
        TreeSet<String> readyVersions = new TreeSet<>();
        Map<String, List<PodObservation>> podsByNamespace = new TreeMap<>();
        for (PodObservation pod : observation.pods()) {
            if (pod.namespace().equals(CONTROL_PLANE_NAMESPACE)) {
                controlPlanePods.add(pod.pod());
                if (pod.controlPlaneVersion() != null && pod.pod().allReady()) {
                    readyVersions.add(pod.controlPlaneVersion());
                }
            } else if (Boolean.TRUE.equals(observation.namespaces().get(pod.namespace()))) {
                podsByNamespace.computeIfAbsent(pod.namespace(), k -> new ArrayList<>()).add(pod);
            }
        }
        controlPlanePods.sort(BY_NAME);
        String version = readyVersions.size() == 1 ? readyVersions.first() : null;

        List<NamespaceState> namespaces = new ArrayList<>();
        new TreeMap<>(observation.namespaces()).forEach((name, injected) -> {
            if (!injected || name.equals(CONTROL_PLANE_NAMESPACE)) {
                return;
            }
            List<PodObservation> pods = podsByNamespace.getOrDefault(name, List.of());
            List<WorkloadState> workloads = workloads(name, observation.workloads(), pods);
            namespaces.add(new NamespaceState(name, true, workloads,
                    budgets(name, observation, workloads, pods),
                    observation.namespaceLabels().getOrDefault(name, Map.of())));
        });
        return new StateContent(observation.kind(), observation.labels(), version,
                new ControlPlaneState(version, controlPlanePods), namespaces);
    }

    private record Key(WorkloadKind kind, String name) {
    }

    private static List<WorkloadState> workloads(String namespace, List<WorkloadObservation> controllers,
            List<PodObservation> pods) {
        Comparator<Key> order = Comparator.comparing((Key k) -> k.kind()).thenComparing(Key::name);
        Map<Key, Integer> desired = new TreeMap<>(order);
        Map<Key, List<PodState>> members = new TreeMap<>(order);
        for (WorkloadObservation controller : controllers) {
            if (controller.namespace().equals(namespace)) {
                Key key = new Key(controller.kind(), controller.name());
                desired.put(key, controller.desiredReplicas());
                members.put(key, new ArrayList<>());
            }
        }
        for (PodObservation observed : pods) {
            PodState pod = observed.pod();
            Key key = pod.ownerKind() == null ? new Key(WorkloadKind.POD, pod.name())
                    : new Key(WorkloadKind.fromKubernetes(pod.ownerKind()), pod.ownerName());
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(pod);
        }
        return members.entrySet().stream().map(entry -> {
            Key key = entry.getKey();
            List<PodState> sorted = entry.getValue().stream().sorted(BY_NAME).collect(Collectors.toList());
            int wanted = desired.getOrDefault(key, key.kind() == WorkloadKind.POD ? 1 : activePods(sorted));
            return new WorkloadState(key.kind(), key.name(), wanted, sorted);
        }).toList();
    }

    /** The namespace's budgets by name, each covering the workloads it selects, in the order of the workloads. */
    private static List<DisruptionBudgetState> budgets(String namespace, ClusterObservation observation,
            List<WorkloadState> workloads, List<PodObservation> pods) {
        Map<String, Map<String, String>> podLabels = new TreeMap<>();
        pods.forEach(p -> podLabels.put(p.pod().name(), p.labels()));
        Map<Key, Map<String, String>> templates = new TreeMap<>(
                Comparator.comparing((Key k) -> k.kind()).thenComparing(Key::name));
        for (WorkloadObservation controller : observation.workloads()) {
            if (controller.namespace().equals(namespace) && !controller.podTemplateLabels().isEmpty()) {
                templates.put(new Key(controller.kind(), controller.name()), controller.podTemplateLabels());
            }
        }
        List<DisruptionBudgetState> budgets = new ArrayList<>();
        observation.disruptionBudgets().stream()
                .filter(b -> b.namespace().equals(namespace))
                .sorted(Comparator.comparing(DisruptionBudgetObservation::name))
                .forEach(budget -> {
                    Set<WorkloadRef> covered = new LinkedHashSet<>();
                    for (WorkloadState workload : workloads) {
                        Map<String, String> template = templates.get(new Key(workload.kind(), workload.name()));
                        boolean selected = (template != null && budget.selector().matches(template))
                                || workload.pods().stream().anyMatch(p -> budget.selector().matches(
                                        podLabels.getOrDefault(p.name(), Map.of())));
                        if (selected) {
                            covered.add(workload.ref());
                        }
                    }
                    budgets.add(new DisruptionBudgetState(budget.name(), List.copyOf(covered),
                            budget.disruptionsAllowed()));
                });
        return budgets;
    }

    private static int activePods(List<PodState> pods) {
        return (int) pods.stream().filter(p -> p.phase() == PodPhase.RUNNING || p.phase() == PodPhase.PENDING).count();
    }
}
