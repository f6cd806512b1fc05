package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.NAMESPACES;
import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.PatchType;
import org.junit.jupiter.api.Test;

/** The sidecar injector: which pods get a proxy, at which version, with which annotation. */
class SidecarInjectorTest {

    private static final String SCENARIO = """
            clusters:
              - name: c1
                mesh: {version: 1.6.14-asm.1}
                namespaces:
                  - {name: shop, injection: true}
                  - {name: plain, injection: false}
            """;

    @Test
    void aPodInAnInjectedNamespaceGetsTheRunningControlPlanesProxy() throws Exception {
        try (TestCluster cluster = TestCluster.of(SCENARIO)) {
            ObjectNode pod = cluster.store.create(PODS, "shop", pod("web", false));
            JsonNode containers = pod.at("/spec/containers");
            assertThat(containers).hasSize(2);
            assertThat(containers.get(1).path("name").asText()).isEqualTo("istio-proxy");
            assertThat(containers.get(1).path("image").asText())
                    .isEqualTo("gcr.io/gke-release/asm/proxyv2:1.6.14-asm.1");
            assertThat(pod.at("/spec/initContainers/0/name").asText()).isEqualTo("istio-init");
            JsonNode status = Json.MAPPER.readTree(pod.at("/metadata/annotations/sidecar.istio.io~1status").asText());
            assertThat(status.path("version").asText()).isEqualTo("1.6.14-asm.1");
            assertThat(status.path("containers")).containsExactly(Json.MAPPER.getNodeFactory().textNode("istio-proxy"));
            assertThat(pod.at("/metadata/labels/security.istio.io~1tlsMode").asText()).isEqualTo("istio");
            assertThat(pod.at("/metadata/labels/service.istio.io~1canonical-name").asText()).isEqualTo("web");
        }
    }

    @Test
    void podsOutsideInjectedNamespacesOrOptedOutGetNothing() {
        try (TestCluster cluster = TestCluster.of(SCENARIO)) {
            assertThat(cluster.store.create(PODS, "plain", pod("a", false)).at("/spec/containers")).hasSize(1);
            assertThat(cluster.store.create(PODS, "default", pod("b", false)).at("/spec/containers")).hasSize(1);
            assertThat(cluster.store.create(PODS, "shop", pod("c", true)).at("/spec/containers")).hasSize(1);

            ObjectNode label = Json.object();
            label.putObject("metadata").putObject("labels").put("istio-injection", "enabled");
            cluster.store.patch(NAMESPACES, null, "plain", PatchType.MERGE, label);
            assertThat(cluster.store.create(PODS, "plain", pod("d", false)).at("/spec/containers")).hasSize(2);
        }
    }

    @Test
    void withoutAControlPlaneNothingIsInjected() {
        try (TestCluster cluster = TestCluster.of("""
                clusters:
                  - name: c1
                    namespaces: [{name: shop, injection: true}]
                """)) {
            assertThat(cluster.store.create(PODS, "shop", pod("a", false)).at("/spec/containers")).hasSize(1);
        }
    }

    private static ObjectNode pod(String name, boolean optOut) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name);
        meta.putObject("labels").put("app", name);
        if (optOut) {
            meta.putObject("annotations").put("sidecar.istio.io/inject", "false");
        }
        pod.putObject("spec").putArray("containers").addObject().put("name", name).put("image", "busybox:1");
        return pod;
    }
}
