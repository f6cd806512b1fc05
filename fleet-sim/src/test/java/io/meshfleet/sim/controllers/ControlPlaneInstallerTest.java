package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.ISTIO_OPERATORS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.fleet.ClusterSeed;
import io.meshfleet.sim.fleet.InstalledState;
import io.meshfleet.sim.scenario.Fault;
import io.meshfleet.sim.store.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The installer against the release's contract, in virtual time: istioctl's request and the operator path. */
class ControlPlaneInstallerTest {

    private static final String SCENARIO = """
            delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 5m}
            clusters:
              - name: c1
                mesh: {version: 1.6.14-asm.1, profile: asm-multicloud}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: cart, replicas: 1}
            """;

    private final List<String> events = new ArrayList<>();
    private final ControllerEvents recorder = new ControllerEvents() {
        @Override
        public void installStarted(String cluster, String operator, String key, String version, Instant at) {
            events.add("started " + operator + " " + key + " " + version);
        }

        @Override
        public void installFinished(String cluster, String operator, String key, String version, String status,
                                    String message, Instant at) {
            events.add(status + " " + operator + " " + key + " " + version + (message.isEmpty() ? "" : ": " + message));
        }
    };

    @Test
    void anIstioctlRequestReplacesTheControlPlaneAndReportsHealthyOnceTheOldPodsAreGone() {
        try (TestCluster cluster = TestCluster.of(SCENARIO, recorder)) {
            List<String> oldIstiod = names(istiod(cluster));
            assertThat(oldIstiod).hasSize(2);

            cluster.store.create(ISTIO_OPERATORS, "istio-system", request("meshfleet-install", "run-1", "1.5.10-asm.2"));
            cluster.scheduler.runUntilIdle();

            JsonNode status = status(cluster, "meshfleet-install");
            assertThat(status.path("status").asText()).isEqualTo("RECONCILING");
            assertThat(status.path("observedRequestId").asText()).isEqualTo("run-1");
            assertThat(status.at("/componentStatus/Base/status").asText()).isEqualTo("HEALTHY");
            assertThat(status.at("/componentStatus/Pilot/status").asText()).isEqualTo("UPDATING");
            ObjectNode installed = cluster.get(ISTIO_OPERATORS, "istio-system", "installed-state");
            assertThat(installed.at("/spec/tag").asText()).isEqualTo("1.5.10-asm.2");
            assertThat(cluster.get(DEPLOYMENTS, "istio-system", "istiod").at("/spec/template/spec/containers/0/image")
                    .asText()).isEqualTo(ClusterSeed.HUB + "/pilot:1.5.10-asm.2");
            assertThat(MeshImage.current(cluster.store).orElseThrow().version()).isEqualTo("1.6.14-asm.1");

            cluster.advance(Duration.ofMinutes(4));
            assertThat(status(cluster, "meshfleet-install").path("status").asText()).isEqualTo("RECONCILING");
            assertThat(istiod(cluster)).hasSize(4);
            assertThat(istiod(cluster)).filteredOn(PodView::ready).extracting(PodView::name)
                    .containsExactlyInAnyOrderElementsOf(oldIstiod);

            cluster.advance(Duration.ofMinutes(1));
            // The new istiod is ready: it now serves injection, while the old pods terminate.
            assertThat(MeshImage.current(cluster.store).orElseThrow().version()).isEqualTo("1.5.10-asm.2");
            assertThat(istiod(cluster)).filteredOn(PodView::terminating).extracting(PodView::name)
                    .containsExactlyInAnyOrderElementsOf(oldIstiod);
            assertThat(status(cluster, "meshfleet-install").path("status").asText()).isEqualTo("RECONCILING");

            cluster.advance(Duration.ofSeconds(10));
            status = status(cluster, "meshfleet-install");
            assertThat(status.path("status").asText()).isEqualTo("HEALTHY");
            assertThat(status.at("/componentStatus/Pilot/status").asText()).isEqualTo("HEALTHY");
            assertThat(status.at("/componentStatus/IngressGateways/status").asText()).isEqualTo("HEALTHY");
            assertThat(status.at("/componentStatus/AddonComponents/status").asText()).isEqualTo("HEALTHY");
            assertThat(istiod(cluster)).hasSize(2).allSatisfy(pod -> {
                assertThat(pod.ready()).isTrue();
                assertThat(pod.image("discovery")).endsWith("/pilot:1.5.10-asm.2");
            });
            assertThat(events).containsExactly("started meshfleet-install run-1 1.5.10-asm.2",
                    "HEALTHY meshfleet-install run-1 1.5.10-asm.2");

            // A pod created now gets the new proxy; the ones already running keep theirs until restarted.
            assertThat(cluster.pods("shop", "cart").get(0).proxyVersion()).isEqualTo("1.6.14-asm.1");
            cluster.restart(DEPLOYMENTS, "shop", "cart");
            cluster.advance(Duration.ofMinutes(1));
            assertThat(cluster.pods("shop", "cart")).singleElement()
                    .satisfies(pod -> assertThat(pod.proxyVersion()).isEqualTo("1.5.10-asm.2"));
        }
    }

    @Test
    void theSameVersionAgainIsHealthyAtOnceAndRestartsNothing() {
        try (TestCluster cluster = TestCluster.of(SCENARIO, recorder)) {
            List<String> before = names(istiod(cluster));
            cluster.store.create(ISTIO_OPERATORS, "istio-system", request("meshfleet-install", "same", "1.6.14-asm.1"));
            cluster.scheduler.runUntilIdle();
            assertThat(status(cluster, "meshfleet-install").path("status").asText()).isEqualTo("HEALTHY");
            assertThat(names(istiod(cluster))).isEqualTo(before);
        }
    }

    @Test
    void withControlPlaneNeverReadyTheNewIstiodNeverBecomesReadyAndTheInstallStaysReconciling() {
        try (TestCluster cluster = TestCluster.of(SCENARIO, recorder)) {
            cluster.controllers.faults().add(new Fault(Fault.Type.CONTROL_PLANE_NEVER_READY, List.of("c1"), null,
                    null, null));
            List<String> oldIstiod = names(istiod(cluster));
            cluster.store.create(ISTIO_OPERATORS, "istio-system", request("meshfleet-install", "run-1", "1.5.10-asm.2"));
            cluster.advance(Duration.ofMinutes(30));

            assertThat(status(cluster, "meshfleet-install").path("status").asText()).isEqualTo("RECONCILING");
            assertThat(istiod(cluster)).filteredOn(PodView::ready).extracting(PodView::name)
                    .containsExactlyInAnyOrderElementsOf(oldIstiod);
            assertThat(istiod(cluster)).filteredOn(pod -> !pod.ready()).hasSize(2)
                    .allSatisfy(pod -> assertThat(pod.phase()).isEqualTo("Running"));
            assertThat(MeshImage.current(cluster.store).orElseThrow().version()).isEqualTo("1.6.14-asm.1");
            assertThat(events).containsExactly("started meshfleet-install run-1 1.5.10-asm.2");
        }
    }

    @Test
    void anyOtherOperatorObjectIsReconciledPerGeneration() {
        try (TestCluster cluster = TestCluster.of(SCENARIO, recorder)) {
            ObjectNode operator = request("upgrade", null, "1.5.10-asm.2");
            cluster.store.create(ISTIO_OPERATORS, "istio-system", operator);
            cluster.advance(Duration.ofMinutes(6));
            JsonNode status = status(cluster, "upgrade");
            assertThat(status.path("status").asText()).isEqualTo("HEALTHY");
            assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
            assertThat(status.has("observedRequestId")).isFalse();
            assertThat(cluster.get(ISTIO_OPERATORS, "istio-system", "installed-state").at("/spec/tag").asText())
                    .isEqualTo("1.5.10-asm.2");
            assertThat(events).containsExactly("started upgrade generation-1 1.5.10-asm.2",
                    "HEALTHY upgrade generation-1 1.5.10-asm.2");
        }
    }

    @Test
    void aSpecWithoutATagEndsInError() {
        try (TestCluster cluster = TestCluster.of(SCENARIO, recorder)) {
            ObjectNode operator = request("meshfleet-install", "bad", "1.5.10-asm.2");
            ((ObjectNode) operator.path("spec")).remove("tag");
            cluster.store.create(ISTIO_OPERATORS, "istio-system", operator);
            cluster.scheduler.runUntilIdle();
            JsonNode status = status(cluster, "meshfleet-install");
            assertThat(status.path("status").asText()).isEqualTo("ERROR");
            assertThat(status.path("observedRequestId").asText()).isEqualTo("bad");
            assertThat(status.path("message").asText()).contains("spec.tag");
            assertThat(events).hasSize(2).last().asString().startsWith("ERROR meshfleet-install bad");
        }
    }

    @Test
    void installedStateIsNeverReconciled() {
        try (TestCluster cluster = TestCluster.of(SCENARIO, recorder)) {
            cluster.advance(Duration.ofMinutes(1));
            assertThat(cluster.get(ISTIO_OPERATORS, "istio-system", "installed-state").has("status")).isFalse();
            assertThat(events).isEmpty();
        }
    }

    private static ObjectNode request(String name, String requestId, String version) {
        ObjectNode operator = Json.object().put("apiVersion", "install.istio.io/v1alpha1").put("kind", "IstioOperator");
        ObjectNode meta = operator.putObject("metadata").put("name", name).put("namespace", "istio-system");
        if (requestId != null) {
            meta.putObject("annotations").put("install.meshfleet.io/request-id", requestId)
                    .put("install.meshfleet.io/istioctl-version", version);
        }
        operator.set("spec", InstalledState.spec(version, "asm-multicloud", ClusterSeed.HUB, Map.of()));
        return operator;
    }

    private static JsonNode status(TestCluster cluster, String name) {
        return cluster.get(ISTIO_OPERATORS, "istio-system", name).path("status");
    }

    private static List<PodView> istiod(TestCluster cluster) {
        return cluster.pods("istio-system", "istiod");
    }

    private static List<String> names(List<PodView> pods) {
        return pods.stream().map(PodView::name).sorted().toList();
    }
}
