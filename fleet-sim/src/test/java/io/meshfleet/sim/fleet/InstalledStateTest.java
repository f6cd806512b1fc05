package io.meshfleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The installed-state spec of a seeded cluster: profile content, identity, and the features as nested values. */
class InstalledStateTest {

    @Test
    void featuresBecomeTypedNestedValuesOverTheProfile() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("values.global.proxy.tracer", "zipkin");
        features.put("values.pilot.traceSampling", 1L);
        features.put("values.pilot.ratio", new BigDecimal("0.5"));
        features.put("addonComponents.prometheus.enabled", true);
        features.put("components.cni.enabled", false);

        ObjectNode spec = InstalledState.spec("1.6.14-asm.1", "asm-multicloud", "gcr.io/gke-release/asm", features);

        assertThat(spec.path("profile").asText()).isEqualTo("asm-multicloud");
        assertThat(spec.path("hub").asText()).isEqualTo("gcr.io/gke-release/asm");
        assertThat(spec.path("tag").asText()).isEqualTo("1.6.14-asm.1");
        assertThat(spec.at("/values/global/proxy/tracer").asText()).isEqualTo("zipkin");
        // The default profile underneath is kept next to the feature.
        assertThat(spec.at("/values/global/proxy/logLevel").asText()).isEqualTo("warning");
        assertThat(spec.at("/values/pilot/traceSampling").isIntegralNumber()).isTrue();
        assertThat(spec.at("/values/pilot/traceSampling").asInt()).isEqualTo(1);
        assertThat(spec.at("/values/pilot/ratio").decimalValue()).isEqualByComparingTo("0.5");
        // The asm-multicloud profile itself (1.6 shape) is merged in.
        assertThat(spec.at("/values/pilot/enableProtocolSniffingForOutbound").asBoolean(true)).isFalse();
        assertThat(spec.at("/components/pilot/k8s/replicaCount").asInt()).isEqualTo(2);
        assertThat(spec.at("/addonComponents/prometheus/enabled").isBoolean()).isTrue();
        assertThat(spec.at("/components/cni/enabled").asBoolean(true)).isFalse();
    }

    @Test
    void anUnknownProfileContributesOnlyItsName() {
        ObjectNode spec = InstalledState.spec("1.8.0", "custom", "hub", Map.of());
        assertThat(spec.path("profile").asText()).isEqualTo("custom");
        assertThat(spec.at("/components/pilot/enabled").asBoolean()).isTrue();
    }
}
