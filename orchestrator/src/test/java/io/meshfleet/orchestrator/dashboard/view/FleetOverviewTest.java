package io.meshfleet.orchestrator.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshfleet.orchestrator.dashboard.view.FleetOverview.ClusterFact;
import io.meshfleet.orchestrator.dashboard.view.FleetOverview.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Grouping the fleet by version and health, the label filter, and the health of one cluster. */
class FleetOverviewTest {

    static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    static final Duration UNREACHABLE = Duration.ofMinutes(10);

    static ClusterFact cluster(String id, String version, int cpReady, int wlReady, long silentSeconds,
                               Map<String, String> labels) {
        return new ClusterFact(id, id.startsWith("admin"), labels, version, cpReady, 1, wlReady, 4,
                NOW.minusSeconds(silentSeconds));
    }

    @ParameterizedTest(name = "cp {0}/1, workloads {1}/4, silent {2}s: {3}")
    @CsvSource({
        "1, 4, 0,    HEALTHY",
        "1, 4, 600,  HEALTHY",
        "1, 4, 601,  UNREACHABLE",
        "0, 4, 0,    DEGRADED",
        "1, 3, 0,    DEGRADED",
        "0, 0, 9999, UNREACHABLE",
    })
    void healthOfOneCluster(int cpReady, int wlReady, long silent, Health expected) {
        assertThat(FleetOverview.health(cluster("c", "1.6.14-asm.1", cpReady, wlReady, silent, Map.of()), NOW,
                UNREACHABLE)).isEqualTo(expected);
    }

    @Test
    void groupsByVersionNewestFirstThenHealthAndFiltersByEveryLabel() {
        Map<String, String> prod = Map.of("env", "prod", "region", "eu");
        List<ClusterFact> fleet = List.of(
                cluster("user-02", "1.6.14-asm.1", 1, 4, 0, prod),
                cluster("user-01", "1.6.14-asm.1", 0, 4, 0, prod),
                cluster("user-03", "1.5.10-asm.2", 1, 4, 0, prod),
                cluster("user-10", "1.10.2-asm.1", 1, 4, 0, prod),
                cluster("user-04", null, 0, 0, 0, prod),
                cluster("admin", "1.6.14-asm.1", 1, 4, 0, Map.of("env", "prod", "role", "admin")),
                cluster("dev-01", "1.6.14-asm.1", 1, 4, 0, Map.of("env", "dev")));

        FleetOverview all = FleetOverview.of(fleet, Map.of(), NOW, UNREACHABLE);
        assertThat(all.versions()).extracting(FleetOverview.VersionGroup::version)
                .containsExactly("1.10.2-asm.1", "1.6.14-asm.1", "1.5.10-asm.2", FleetOverview.UNKNOWN_VERSION);
        FleetOverview.VersionGroup v1614 = all.versions().get(1);
        assertThat(v1614.count()).isEqualTo(4);
        assertThat(v1614.health()).extracting(FleetOverview.HealthGroup::health)
                .containsExactly(Health.HEALTHY, Health.DEGRADED);
        assertThat(v1614.health().get(0).clusters()).extracting(r -> r.cluster().clusterId())
                .containsExactly("admin", "dev-01", "user-02");
        assertThat(v1614.health().get(0).clusters().get(0).cluster().admin()).isTrue();
        assertThat(v1614.health().get(0).clusters().get(0).labelText()).isEqualTo("env=prod role=admin");

        FleetOverview prodEu = FleetOverview.of(fleet, FleetOverview.parseFilter("env=prod, region=eu"), NOW, UNREACHABLE);
        assertThat(prodEu.total()).isEqualTo(7);
        assertThat(prodEu.shown()).isEqualTo(5);
        assertThat(prodEu.versions()).flatExtracting(FleetOverview.VersionGroup::health)
                .flatExtracting(FleetOverview.HealthGroup::clusters).extracting(r -> r.cluster().clusterId())
                .containsExactlyInAnyOrder("user-01", "user-02", "user-03", "user-04", "user-10");
    }

    @Test
    void theLabelFilterSaysWhatIsWrong() {
        assertThat(FleetOverview.parseFilter(null)).isEmpty();
        assertThat(FleetOverview.parseFilter("  ")).isEmpty();
        assertThat(FleetOverview.parseFilter("env=prod region=eu")).containsEntry("env", "prod")
                .containsEntry("region", "eu");
        assertThat(FleetOverview.parseFilter("team=")).containsEntry("team", "");
        assertThatThrownBy(() -> FleetOverview.parseFilter("env=prod,prod")).hasMessageContaining("'prod' is not");
        assertThatThrownBy(() -> FleetOverview.parseFilter("=x")).hasMessageContaining("key=value");
    }
}
