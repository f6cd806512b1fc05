package io.meshfleet.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSummaryTest {

    @Test
    void countsReadyPodsAndPodsPerProxyVersion() {
        ClusterState state = new ClusterState("edge-a", 1, ClusterKind.USER, Map.of(), "1.6.14-asm.1",
                new ControlPlaneState("1.6.14-asm.1", List.of(
                        pod("istiod-1", PodPhase.RUNNING, 1, 1, null),
                        pod("istiod-2", PodPhase.PENDING, 0, 1, null))),
                List.of(new NamespaceState("shop", true, List.of(
                                new WorkloadState(WorkloadKind.DEPLOYMENT, "web", 3, List.of(
                                        pod("web-1", PodPhase.RUNNING, 2, 2, "1.6.14-asm.1"),
                                        pod("web-2", PodPhase.RUNNING, 1, 2, "1.6.14-asm.1"),
                                        pod("web-3", PodPhase.RUNNING, 2, 2, "1.5.10-asm.2"))))),
                        new NamespaceState("tools", false, List.of(
                                new WorkloadState(WorkloadKind.POD, "debug", 1, List.of(
                                        pod("debug", PodPhase.RUNNING, 1, 1, null)))))),
                Instant.parse("2026-11-27T00:00:00Z"));

        ClusterSummary summary = ClusterSummary.of(state);

        assertThat(summary).isEqualTo(new ClusterSummary(2, 1, 4, 3,
                Map.of("1.6.14-asm.1", 2, "1.5.10-asm.2", 1, ClusterSummary.NO_PROXY, 1)));
    }

    private static PodState pod(String name, PodPhase phase, int ready, int total, String proxy) {
        return new PodState(name, phase, ready, total, 0, proxy, "ReplicaSet", "rs");
    }
}
