package io.meshfleet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.ClusterKind;
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
}
