package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.agent.model.CompatibilityTable;
import io.meshfleet.agent.model.OverlayBuilder;
import io.meshfleet.agent.preflight.PreflightRunner;
import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.PreflightItem;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.PreflightStatus;
import io.meshfleet.sim.api.AccessPolicy;
import io.meshfleet.sim.fleet.FleetSim;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight against fleet-sim clusters: admin refused, missing permission reported, overlay from installed-state. */
class PreflightKubeTest {

    @TempDir
    static Path work;
    private static FleetSim fleet;
    private final PreflightRunner preflight = new PreflightRunner(new OverlayBuilder(CompatibilityTable.bundled()));

    @BeforeAll
    static void startFleet() {
        fleet = TestFleet.start(work);
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    private PreflightResult run(String cluster, String target) {
        try (ClusterConnection connection = TestFleet.connect(fleet, cluster)) {
            return preflight.run(cluster, new ClusterInspector(connection.client()), target, "asm-multicloud");
        }
    }

    @Test
    void anAdminClusterIsRefused() {
        PreflightResult result = run("admin", "1.5.10-asm.2");

        assertThat(result.clusterKind()).isEqualTo(ClusterKind.ADMIN);
        assertThat(result.passed()).isFalse();
        assertThat(result.items()).singleElement().satisfies(item -> {
            assertThat(item.check()).isEqualTo("cluster-kind");
            assertThat(item.status()).isEqualTo(PreflightStatus.FAIL);
            assertThat(item.message()).contains("admin cluster").contains("never installs");
        });
    }

    @Test
    void aClusterWithoutTheKindLabelIsTreatedAsAdminAndTheFixIsNamed() {
        fleet.cluster("user-06").store().edit(io.meshfleet.sim.store.BuiltInResources.NAMESPACES, null, "kube-system",
                ns -> ((com.fasterxml.jackson.databind.node.ObjectNode) ns.path("metadata").path("labels"))
                        .remove("meshfleet.io/cluster-kind"));

        PreflightResult result = run("user-06", "1.5.10-asm.2");

        assertThat(result.passed()).isFalse();
        assertThat(result.items().get(0).message())
                .contains("kubectl label namespace kube-system meshfleet.io/cluster-kind=user");
    }

    @Test
    void aMissingPermissionIsReportedAsAFailedItem() {
        fleet.cluster("user-02").accessPolicy(AccessPolicy.allowAll()
                .deny("create", "rbac.authorization.k8s.io", "clusterroles", AccessPolicy.ANY));
        try {
            PreflightResult result = run("user-02", "1.5.10-asm.2");

            assertThat(result.passed()).isFalse();
            assertThat(result.items()).filteredOn(item -> item.status() == PreflightStatus.FAIL).singleElement()
                    .satisfies(item -> {
                        assertThat(item.check()).isEqualTo("rbac:create:clusterroles");
                        assertThat(item.message()).contains("may not create rbac.authorization.k8s.io/clusterroles");
                    });
        } finally {
            fleet.cluster("user-02").accessPolicy(AccessPolicy.allowAll());
        }
    }

    @Test
    void theOverlayCarriesTheInstalledFeaturesToADowngrade() {
        PreflightResult result = run("user-01", "1.5.10-asm.2");

        assertThat(result.passed()).isTrue();
        assertThat(result.clusterKind()).isEqualTo(ClusterKind.USER);
        assertThat(result.currentVersion()).isEqualTo("1.6.14-asm.1");
        assertThat(result.items()).extracting(PreflightItem::check).contains("cluster-kind", "rbac", "current-version",
                "installed-state", "feature:values.global.proxy.tracer", "feature:values.pilot.traceSampling",
                "feature:addonComponents.kiali.enabled");
        Map<String, Object> overlay = result.overlay();
        assertThat(at(overlay, "values", "global", "proxy")).isEqualTo(Map.of("tracer", "zipkin"));
        assertThat(at(overlay, "values", "pilot")).isEqualTo(Map.of("traceSampling", 1L));
        assertThat(at(overlay, "addonComponents", "kiali")).isEqualTo(Map.of("enabled", false));
        assertThat(at(overlay, "addonComponents", "prometheus")).isEqualTo(Map.of("enabled", true));
        assertThat(at(overlay, "components")).containsOnlyKeys("cni", "egressGateways")
                .as("the profile's pilot resources are the target profile's business").doesNotContainKey("pilot");
        assertThat(result.overlay()).doesNotContainKeys("hub", "tag", "profile");
    }

    @Test
    void aFeatureTheTargetDoesNotSupportIsFlaggedAndLeftOut() {
        PreflightResult result = run("user-01", "1.8.6-asm.3");

        assertThat(result.passed()).as("a WARN does not stop the install").isTrue();
        assertThat(result.items()).filteredOn(item -> item.status() == PreflightStatus.WARN)
                .extracting(PreflightItem::check)
                .containsExactlyInAnyOrder("feature:addonComponents.kiali.enabled",
                        "feature:addonComponents.grafana.enabled", "feature:addonComponents.prometheus.enabled",
                        "feature:addonComponents.tracing.enabled");
        assertThat(result.items()).filteredOn(item -> item.check().equals("feature:addonComponents.kiali.enabled"))
                .singleElement().extracting(PreflightItem::message).asString().contains("removed in Istio 1.8");
        assertThat(result.overlay()).doesNotContainKey("addonComponents").containsKeys("values", "components");
        assertThat(at(result.overlay(), "values", "global", "proxy")).isEqualTo(Map.of("tracer", "zipkin"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> map, String... path) {
        Map<String, Object> node = map;
        for (String key : path) {
            assertThat(node).containsKey(key);
            node = (Map<String, Object>) node.get(key);
        }
        return node;
    }
}
