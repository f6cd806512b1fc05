package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.scenario.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod lifecycles in virtual time: Pending, Running, Ready, Terminating, gone, and the kubelet-side faults. */
class KubeletTest {

    private static final String SCENARIO = """
            delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 5m}
            clusters:
              - name: c1
                mesh: {version: 1.6.14-asm.1}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: cart, replicas: 1}
                      - {kind: Deployment, name: frontend, replicas: 1}
            """;

    @Test
    void aNewPodIsPendingThenRunningUnreadyThenReady() {
        try (TestCluster cluster = TestCluster.of(SCENARIO)) {
            PodView old = only(cluster.pods("shop", "cart"));
            cluster.restart(DEPLOYMENTS, "shop", "cart");

            PodView created = replacing(old, cluster.pods("shop", "cart"));
            assertThat(created.phase()).isEqualTo("Pending");
            assertThat(created.nodeName()).startsWith("c1-node-");
            assertThat(created.containers()).isEmpty();

            cluster.advance(Duration.ofSeconds(2));
            PodView running = pod(cluster, created.name());
            assertThat(running.phase()).isEqualTo("Running");
            assertThat(running.ready()).isFalse();
            assertThat(json(cluster, created.name()).at("/status/podIP").asText()).startsWith("10.64.");
            assertThat(readyFlags(running)).containsExactly(false, false);
            assertThat(json(cluster, created.name()).at("/status/initContainerStatuses/0/state/terminated/reason").asText())
                    .isEqualTo("Completed");

            cluster.advance(Duration.ofSeconds(5));
            PodView ready = pod(cluster, created.name());
            assertThat(ready.ready()).isTrue();
            assertThat(readyFlags(ready)).containsExactly(true, true);
            assertThat(ready.container("istio-proxy").restartCount()).isZero();

            // With 1 replica at 25%/25%: surge 1, unavailable 0, so the old pod goes only now, gracefully.
            PodView terminating = pod(cluster, old.name());
            assertThat(terminating.terminating()).isTrue();
            cluster.advance(Duration.ofSeconds(9));
            assertThat(cluster.store.find(PODS, "shop", old.name())).isPresent();
            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.store.find(PODS, "shop", old.name())).isEmpty();
        }
    }

    @Test
    void aPodAtTheCrashingProxyVersionWaitsInCrashLoopBackOffWithGrowingRestarts() {
        try (TestCluster cluster = TestCluster.of(SCENARIO)) {
            cluster.controllers.faults().add(new Fault(Fault.Type.CRASH_LOOP_ON_PROXY_VERSION, List.of("c1"), "shop",
                    "cart", "1.6.14-asm.1"));
            PodView old = only(cluster.pods("shop", "cart"));
            cluster.restart(DEPLOYMENTS, "shop", "cart");
            cluster.restart(DEPLOYMENTS, "shop", "frontend");
            cluster.advance(Duration.ofSeconds(7));

            PodView crashing = replacing(old, cluster.pods("shop", "cart"));
            assertThat(crashing.phase()).isEqualTo("Running");
            assertThat(crashing.ready()).isFalse();
            assertThat(readyFlags(crashing)).containsExactly(true, false);
            JsonNode proxy = json(cluster, crashing.name()).at("/status/containerStatuses/1");
            assertThat(proxy.at("/state/waiting/reason").asText()).isEqualTo("CrashLoopBackOff");
            assertThat(proxy.at("/lastState/terminated/reason").asText()).isEqualTo("Error");
            assertThat(proxy.path("restartCount").asInt()).isEqualTo(1);

            cluster.advance(Duration.ofSeconds(10));
            assertThat(restarts(pod(cluster, crashing.name()))).isEqualTo(2);
            cluster.advance(Duration.ofSeconds(20));
            assertThat(restarts(pod(cluster, crashing.name()))).isEqualTo(3);
            cluster.advance(Duration.ofMinutes(30));
            assertThat(restarts(pod(cluster, crashing.name()))).isBetween(8, 12);

            // The old cart pod stays (maxUnavailable 0) and the Deployment reports it cannot progress.
            assertThat(cluster.pods("shop", "cart")).hasSize(2);
            JsonNode progressing = cluster.get(DEPLOYMENTS, "shop", "cart").at("/status/conditions/1");
            assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(progressing.path("status").asText()).isEqualTo("False");
            // Other workloads at the same version are not affected.
            assertThat(cluster.pods("shop", "frontend")).hasSize(1).allSatisfy(p -> assertThat(p.ready()).isTrue());
        }
    }

    @Test
    void aPodDeletedWithoutGraceIsGoneAtOnce() {
        try (TestCluster cluster = TestCluster.of(SCENARIO)) {
            PodView pod = only(cluster.pods("shop", "cart"));
            cluster.store.delete(PODS, "shop", pod.name(), io.meshfleet.sim.store.DeleteOptions.immediately());
            cluster.scheduler.runUntilIdle();
            assertThat(cluster.store.find(PODS, "shop", pod.name())).isEmpty();
            assertThat(cluster.pods("shop", "cart")).hasSize(1);
        }
    }

    @Test
    void settledPodsLeaveNoTimersBehind() {
        try (TestCluster cluster = TestCluster.of(SCENARIO)) {
            cluster.restart(DEPLOYMENTS, "shop", "cart");
            cluster.advance(Duration.ofMinutes(11));
            assertThat(cluster.scheduler.pendingTimers()).isZero();
        }
    }

    private static PodView pod(TestCluster cluster, String name) {
        return PodView.of(cluster.store.require(PODS, "shop", name));
    }

    private static PodView only(List<PodView> pods) {
        assertThat(pods).hasSize(1);
        return pods.get(0);
    }

    /** The pod of a new ReplicaSet, replacing {@code old}. */
    private static PodView replacing(PodView old, List<PodView> pods) {
        return pods.stream().filter(p -> !p.label("pod-template-hash").equals(old.label("pod-template-hash")))
                .filter(p -> !p.terminating()).findFirst().orElseThrow();
    }

    private static List<Boolean> readyFlags(PodView pod) {
        return pod.containers().stream().map(PodView.ContainerState::ready).toList();
    }

    private static int restarts(PodView pod) {
        return pod.container("istio-proxy").restartCount();
    }

    private static JsonNode json(TestCluster cluster, String name) {
        return cluster.store.require(PODS, "shop", name);
    }
}
