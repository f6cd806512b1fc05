package io.meshfleet.sim.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.fleet.InstalledState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an IstioOperator spec installs. */
class ControlPlaneManifestTest {

    @Test
    void asmMulticloudInstallsTwoIstiodsAndTheIngressGateway() {
        ObjectNode spec = InstalledState.spec("1.5.10-asm.2", "asm-multicloud", "gcr.io/gke-release/asm", Map.of());
        ControlPlaneManifest manifest = ControlPlaneManifest.of(spec, null);

        assertThat(manifest.components()).extracting(ControlPlaneManifest.Component::name)
                .containsExactly("istiod", "istio-ingressgateway");
        assertThat(manifest.removed()).containsExactly("istio-egressgateway");
        ControlPlaneManifest.Component istiod = manifest.component("istiod");
        assertThat(istiod.image()).isEqualTo("gcr.io/gke-release/asm/pilot:1.5.10-asm.2");
        assertThat(istiod.replicas()).isEqualTo(2);
        assertThat(istiod.container()).isEqualTo("discovery");
        assertThat(manifest.component("istio-ingressgateway").image())
                .isEqualTo("gcr.io/gke-release/asm/proxyv2:1.5.10-asm.2");

        ObjectNode deployment = manifest.deployment(istiod);
        assertThat(deployment.at("/spec/template/metadata/labels/app").asText()).isEqualTo("istiod");
        assertThat(deployment.at("/spec/template/metadata/annotations/sidecar.istio.io~1inject").asText())
                .isEqualTo("false");
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("100%");
        assertThat(deployment.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("discovery");
    }

    @Test
    void aDisabledPilotAndTheHubFallbackAndBadTags() {
        ObjectNode spec = InstalledState.spec("1.7.3", "minimal", "hub.example", Map.of(
                "components.pilot.enabled", false));
        spec.remove("hub");
        ControlPlaneManifest manifest = ControlPlaneManifest.of(spec, "fallback.example/asm");
        assertThat(manifest.hub()).isEqualTo("fallback.example/asm");
        assertThat(manifest.removed()).contains("istiod");

        spec.put("tag", "");
        assertThatThrownBy(() -> ControlPlaneManifest.of(spec, "h")).isInstanceOf(ControlPlaneManifest.InvalidSpec.class)
                .hasMessageContaining("spec.tag");
    }
}
