package io.meshfleet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.DisruptionBudgetState;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How observations become report content: what is included, how pods group, and the mesh version mid-change. */
class ClusterStateBuilderTest {

    private static PodObservation pod(String ns, String name, int ready, String proxy, String ownerKind, String owner) {
        return new PodObservation(ns, new PodState(name, PodPhase.RUNNING, ready, 2, 0, proxy, ownerKind, owner), null);
    }

    private static PodObservation istiod(String name, String version, boolean ready) {
        return new PodObservation("istio-system", new PodState(name, PodPhase.RUNNING, ready ? 1 : 0, 1, 0, null,
                "Deployment", "istiod"), version);
    }

    private static ClusterObservation observation(List<PodObservation> pods) {
        return new ClusterObservation(ClusterKind.USER, Map.of("region", "eu"),
                Map.of("shop", true, "monitoring", false, "istio-system", false),
                List.of(new WorkloadObservation("shop", WorkloadKind.DEPLOYMENT, "web", 3),
                        new WorkloadObservation("shop", WorkloadKind.STATEFUL_SET, "db", 1),
                        new WorkloadObservation("monitoring", WorkloadKind.DAEMON_SET, "exporter", 3)), pods);
    }

    private static List<PodObservation> pods() {
        return List.of(pod("shop", "web-b", 2, "1.6", "Deployment", "web"), pod("shop", "web-a", 1, "1.5", "Deployment", "web"),
                pod("shop", "debug", 2, "1.6", null, null), pod("shop", "batch-x", 2, "1.6", "Job", "batch"),
                pod("monitoring", "exporter-1", 1, null, "DaemonSet", "exporter"), istiod("istiod-1", "1.6", true));
    }

    @Test
    void injectedNamespacesHoldTheirWorkloadsAndTheControlPlaneItsPods() {
        StateContent content = ClusterStateBuilder.content(observation(pods()));

        assertThat(content.meshVersion()).isEqualTo("1.6");
        assertThat(content.controlPlane().pods()).extracting(PodState::name).containsExactly("istiod-1");
        assertThat(content.namespaces()).singleElement().satisfies(ns -> {
            assertThat(ns.name()).isEqualTo("shop");
            assertThat(ns.workloads()).extracting(WorkloadState::kind, WorkloadState::name, WorkloadState::desiredReplicas)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(WorkloadKind.DEPLOYMENT, "web", 3),
                            org.assertj.core.groups.Tuple.tuple(WorkloadKind.STATEFUL_SET, "db", 1),
                            org.assertj.core.groups.Tuple.tuple(WorkloadKind.JOB, "batch", 1),
                            org.assertj.core.groups.Tuple.tuple(WorkloadKind.POD, "debug", 1));
            assertThat(ns.workloads().get(0).pods()).extracting(PodState::name).containsExactly("web-a", "web-b");
            assertThat(ns.workloads().get(1).pods()).isEmpty();
        });
    }

    @Test
    void theContentDoesNotDependOnListingOrder() {
        List<PodObservation> shuffled = new ArrayList<>(pods());
        Collections.reverse(shuffled);
        assertThat(ClusterStateBuilder.content(observation(shuffled)))
                .isEqualTo(ClusterStateBuilder.content(observation(pods())));
    }

    @Test
    void theMeshVersionIsUnknownWhileTwoVersionsRunOrNoneIsReady() {
        assertThat(ClusterStateBuilder.content(observation(List.of(istiod("a", "1.6", true), istiod("b", "1.5", true))))
                .meshVersion()).isNull();
        assertThat(ClusterStateBuilder.content(observation(List.of(istiod("a", "1.6", true), istiod("b", "1.5", false))))
                .meshVersion()).isEqualTo("1.6");
        assertThat(ClusterStateBuilder.content(observation(List.of(istiod("b", "1.5", false)))).meshVersion()).isNull();
    }

    private static PodObservation labelled(String ns, String name, String ownerKind, String owner, Map<String, String> labels) {
        return new PodObservation(ns, new PodState(name, PodPhase.RUNNING, 2, 2, 0, "1.6", ownerKind, owner), null, labels);
    }

    private static ClusterObservation withBudgets(List<DisruptionBudgetObservation> budgets) {
        return new ClusterObservation(ClusterKind.USER, Map.of(),
                Map.of("shop", true, "tools", true, "monitoring", false),
                List.of(new WorkloadObservation("shop", WorkloadKind.DEPLOYMENT, "web", 2, Map.of("app", "web", "tier", "front")),
                        new WorkloadObservation("shop", WorkloadKind.DEPLOYMENT, "idle", 0, Map.of("app", "idle", "tier", "front")),
                        new WorkloadObservation("shop", WorkloadKind.STATEFUL_SET, "db", 1, Map.of("app", "db", "tier", "back")),
                        new WorkloadObservation("tools", WorkloadKind.DEPLOYMENT, "web", 1, Map.of("app", "web"))),
                List.of(labelled("shop", "web-1", "Deployment", "web", Map.of("app", "web", "tier", "front")),
                        labelled("shop", "web-2", "Deployment", "web", Map.of("app", "web", "tier", "front")),
                        labelled("shop", "db-0", "StatefulSet", "db", Map.of("app", "db", "tier", "back")),
                        labelled("shop", "debug", null, null, Map.of("app", "debug", "tier", "back")),
                        labelled("tools", "web-1", "Deployment", "web", Map.of("app", "web"))),
                Map.of("shop", Map.of("istio-injection", "enabled", "wave", "2"), "tools", Map.of("istio.io/rev", "asm-1")),
                budgets);
    }

    private static PodSelector labels(String... keyValues) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return PodSelector.of(labels, List.of());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> budgetSelectors() {
        WorkloadRef web = new WorkloadRef(WorkloadKind.DEPLOYMENT, "web");
        WorkloadRef idle = new WorkloadRef(WorkloadKind.DEPLOYMENT, "idle");
        WorkloadRef db = new WorkloadRef(WorkloadKind.STATEFUL_SET, "db");
        WorkloadRef debug = new WorkloadRef(WorkloadKind.POD, "debug");
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("matchLabels on pods", labels("app", "web"), List.of(web)),
                org.junit.jupiter.params.provider.Arguments.of("a workload without pods by its template",
                        labels("tier", "front"), List.of(web, idle)),
                org.junit.jupiter.params.provider.Arguments.of("bare pods as their own workload", labels("tier", "back"),
                        List.of(db, debug)),
                org.junit.jupiter.params.provider.Arguments.of("In", PodSelector.of(Map.of(), List.of(
                        new PodSelector.Requirement("app", "In", java.util.Set.of("db", "debug")))), List.of(db, debug)),
                org.junit.jupiter.params.provider.Arguments.of("NotIn and Exists", PodSelector.of(Map.of(), List.of(
                        new PodSelector.Requirement("tier", "Exists", null),
                        new PodSelector.Requirement("app", "NotIn", java.util.Set.of("web", "idle")))), List.of(db, debug)),
                org.junit.jupiter.params.provider.Arguments.of("DoesNotExist", PodSelector.of(Map.of(), List.of(
                        new PodSelector.Requirement("tier", "DoesNotExist", null))), List.of()),
                org.junit.jupiter.params.provider.Arguments.of("empty selects the whole namespace",
                        PodSelector.of(Map.of(), List.of()), List.of(web, idle, db, debug)),
                org.junit.jupiter.params.provider.Arguments.of("missing selects nothing", PodSelector.NONE, List.of()),
                org.junit.jupiter.params.provider.Arguments.of("no match", labels("app", "nope"), List.of()));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("budgetSelectors")
    void aBudgetCoversTheWorkloadsWhosePodsItSelects(String why, PodSelector selector, List<WorkloadRef> covered) {
        StateContent content = ClusterStateBuilder.content(withBudgets(List.of(
                new DisruptionBudgetObservation("shop", "pdb", selector, 1))));

        NamespaceState shop = content.namespaces().stream().filter(n -> n.name().equals("shop")).findFirst().orElseThrow();
        assertThat(shop.disruptionBudgets()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("pdb");
            assertThat(b.workloads()).containsExactlyInAnyOrderElementsOf(covered);
            assertThat(b.disruptionsAllowed()).isEqualTo(1);
        });
    }

    @Test
    void budgetsStayInTheirNamespaceAndNamespacesCarryTheirLabels() {
        StateContent content = ClusterStateBuilder.content(withBudgets(List.of(
                new DisruptionBudgetObservation("shop", "web-pdb", labels("app", "web"), 0),
                new DisruptionBudgetObservation("shop", "db-pdb", labels("app", "db"), 1),
                new DisruptionBudgetObservation("monitoring", "m-pdb", labels("app", "web"), 1),
                new DisruptionBudgetObservation("tools", "tools-pdb", labels("app", "web"), -1))));

        assertThat(content.namespaces()).extracting(NamespaceState::name).containsExactly("shop", "tools");
        NamespaceState shop = content.namespaces().get(0);
        assertThat(shop.disruptionBudgets()).containsExactly(
                new DisruptionBudgetState("db-pdb", List.of(new WorkloadRef(WorkloadKind.STATEFUL_SET, "db")), 1),
                new DisruptionBudgetState("web-pdb", List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web")), 0));
        assertThat(shop.labels()).isEqualTo(Map.of("istio-injection", "enabled", "wave", "2"));
        NamespaceState tools = content.namespaces().get(1);
        assertThat(tools.disruptionBudgets()).containsExactly(
                new DisruptionBudgetState("tools-pdb", List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web")), 0));
        assertThat(tools.labels()).isEqualTo(Map.of("istio.io/rev", "asm-1"));
    }
}
