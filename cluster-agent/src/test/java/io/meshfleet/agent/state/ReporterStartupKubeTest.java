package io.meshfleet.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.agent.kube.ClusterConnection;
import io.meshfleet.agent.kube.ClusterConnections;
import io.meshfleet.agent.kube.SharedClientResources;
import io.meshfleet.agent.model.SyncPacing;
import io.meshfleet.sim.fleet.ApiHealth;
import io.meshfleet.sim.fleet.FleetSim;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent of 200 fleet-sim clusters, one of whose API servers accepts connections and never answers: every other
 * cluster reports, the unreachable one shows as failing with its error (and is retried in the background), and it
 * reports once its API answers again.
 */
class ReporterStartupKubeTest {

    private static final int CLUSTERS = 200;
    private static final String UNREACHABLE = ScaleFleet.name(137);

    @TempDir
    Path work;

    @Test
    void oneUnreachableClusterHoldsUpNoneOfTheOthersAndReportsOnceItAnswers() {
        List<String> names = IntStream.rangeClosed(1, CLUSTERS).mapToObj(ScaleFleet::name).toList();
        Map<String, Integer> reports = new ConcurrentHashMap<>();
        try (FleetSim fleet = FleetSim.start(ScaleFleet.scenario(CLUSTERS, 1, 1, List.of(UNREACHABLE)), work);
             SharedClientResources http = new SharedClientResources()) {
            Map<String, ClusterConnection> connections = ClusterConnections.open(names, Optional.of(fleet.kubeconfig()),
                    http);
            Map<String, ClusterStateReporter> reporters = new LinkedHashMap<>();
            connections.forEach((cluster, connection) -> reporters.put(cluster, new ClusterStateReporter(cluster,
                    connection.client(), state -> reports.merge(state.clusterId(), 1, Integer::sum), Clock.systemUTC(),
                    new ClusterStateReporter.Timing(Duration.ofMillis(200), Duration.ofSeconds(2),
                            Duration.ofMinutes(10)))));
            try (ReporterStartup startup = new ReporterStartup(reporters, new ReporterStartup.Settings(8,
                    Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2)), Clock.systemUTC()).start()) {

                await().atMost(Duration.ofMinutes(3)).untilAsserted(() ->
                        assertThat(reports.keySet()).hasSize(CLUSTERS - 1).doesNotContain(UNREACHABLE));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    SyncPacing.Summary summary = startup.summary();
                    assertThat(summary.synced()).isEqualTo(CLUSTERS - 1);
                    assertThat(summary.syncing()).isZero();
                    assertThat(summary.failing()).singleElement().satisfies(failing -> {
                        assertThat(failing.cluster()).isEqualTo(UNREACHABLE);
                        assertThat(failing.failures()).as("retried in the background").isGreaterThanOrEqualTo(2);
                        assertThat(failing.lastError()).contains("not synced within PT10S");
                    });
                });
                assertThat(startup.allSyncedAfter()).isEmpty();

                fleet.apiHealth(UNREACHABLE, ApiHealth.AVAILABLE);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reports).containsKey(UNREACHABLE));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(startup.summary()).isEqualTo(new SyncPacing.Summary(CLUSTERS, 0, List.of())));
                assertThat(startup.allSyncedAfter()).isPresent();
            } finally {
                connections.values().forEach(ClusterConnection::close);
            }
        }
    }
}
