package io.meshfleet.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightStatus;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The overlay built from a real-shaped installed-state with the bundled compatibility table, per target version. */
class OverlayBuilderTest {

    private static final OverlayBuilder BUILDER = new OverlayBuilder(CompatibilityTable.bundled());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> installedSpec() throws Exception {
        try (InputStream in = OverlayBuilderTest.class.getResourceAsStream("installed-state-1.6.yaml")) {
            return (Map<String, Object>) new ObjectMapper(new YAMLFactory()).readValue(in, Map.class).get("spec");
        }
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                // target, status per flagged feature (others PASS), whether the overlay keeps addonComponents
                Arguments.of("1.5.10-asm.2", Map.of(), true),
                Arguments.of("1.6.14-asm.1", Map.of(), true),
                Arguments.of("1.7.6-asm.1", Map.of(), true),
                Arguments.of("1.8.6-asm.3", Map.of(
                        "feature:addonComponents.grafana.enabled", PreflightStatus.WARN,
                        "feature:addonComponents.prometheus.enabled", PreflightStatus.WARN,
                        "feature:addonComponents.kiali.enabled", PreflightStatus.WARN,
                        "feature:values.telemetry.v1.enabled", PreflightStatus.FAIL), false));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void featuresAreCarriedOverOrFlagged(String target, Map<String, PreflightStatus> flagged, boolean keepsAddons)
            throws Exception {
        Overlay overlay = BUILDER.build(installedSpec(), MeshVersion.parse(target));

        assertThat(overlay.items()).filteredOn(i -> i.status() != PreflightStatus.PASS)
                .extracting(PreflightItem::check, PreflightItem::status)
                .containsExactlyInAnyOrderElementsOf(flagged.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue())).toList());
        assertThat(overlay.spec()).doesNotContainKeys("profile", "hub", "tag");
        assertThat(overlay.spec().containsKey("addonComponents")).isEqualTo(keepsAddons);
        assertThat(overlay.spec().get("meshConfig")).isEqualTo(Map.of("accessLogFile", "/dev/stdout"));
        assertThat(((Map<?, ?>) overlay.spec().get("values")).get("global"))
                .isEqualTo(Map.of("proxy", Map.of("tracer", "zipkin")));
        assertThat(((Map<?, ?>) overlay.spec().get("components")).keySet().stream().map(String::valueOf).toList())
                .as("the profile's pilot settings are left to the target's profile").containsExactly("egressGateways");
    }

    @Test
    void aValueRestrictedEntryOnlyMatchesThatValue() {
        Overlay off = BUILDER.build(Map.of("values", Map.of("telemetry", Map.of("v1", Map.of("enabled", false)))),
                MeshVersion.parse("1.8.0"));
        assertThat(off.items()).extracting(PreflightItem::status).containsExactly(PreflightStatus.PASS);
        assertThat(off.spec()).isEqualTo(Map.of("values", Map.of("telemetry", Map.of("v1", Map.of("enabled", false)))));
    }

    @Test
    void binaryFloatingPointBecomesDecimalAndListsStayWhole() {
        List<Map<String, Object>> gateways = List.of(Map.of("name", "istio-egressgateway", "enabled", true));
        Overlay overlay = BUILDER.build(Map.of("values", Map.of("pilot", Map.of("traceSampling", 0.5)),
                "components", Map.of("egressGateways", gateways)), MeshVersion.parse("1.5.10"));

        assertThat(overlay.spec()).isEqualTo(Map.of("values", Map.of("pilot", Map.of("traceSampling", new BigDecimal("0.5"))),
                "components", Map.of("egressGateways", gateways)));
    }

    @Test
    void versionsAndRangesOrderAsMeshVersionsDo() {
        assertThat(MeshVersion.parse("1.6.14-asm.1")).isGreaterThan(MeshVersion.parse("1.6.9-asm.5"))
                .isLessThan(MeshVersion.parse("1.6.14-asm.2")).isLessThan(MeshVersion.parse("1.7"));
        assertThat(VersionRange.parse(">=1.8").contains(MeshVersion.parse("1.8.0-asm.0"))).isTrue();
        assertThat(VersionRange.parse(">=1.8").contains(MeshVersion.parse("1.7.99-asm.9"))).isFalse();
        assertThat(VersionRange.parse(">=1.6 <1.8").contains(MeshVersion.parse("1.7.3"))).isTrue();
        assertThat(VersionRange.parse(">=1.6 <1.8").contains(MeshVersion.parse("1.8.1"))).isFalse();
        assertThat(VersionRange.parse("*").contains(MeshVersion.parse("0.1"))).isTrue();
        assertThat(MeshVersion.isVersion("latest")).isFalse();
    }
}
