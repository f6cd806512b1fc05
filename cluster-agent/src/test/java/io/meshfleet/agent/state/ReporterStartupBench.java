package io.meshfleet.agent.state;

import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.meshfleet.agent.kube.ClusterConnection;
import io.meshfleet.agent.kube.ClusterConnections;
import io.meshfleet.agent.kube.SharedClientResources;
import io.meshfleet.agent.model.SyncPacing;
import io.meshfleet.sim.fleet.FleetSim;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast one agent of N clusters gets every cluster reporting: starts a fleet-sim fleet of N clusters (50 pods each
 * by default, as in the system tests' scale run), opens the agent's connections as {@link ClusterConnections} does
 * (shared Vert.x, task executor and serialization, or with {@code -Dbench.http=own} fabric8's default Vert.x and
 * executor per client), starts the reporters
 * through {@link ReporterStartup} and prints the time to open the connections, the time until every cluster has
 * synced and sent its first report, threads, and the heap after GC that the agent's part added. Asserts nothing:
 *
 * <pre>./mvnw -B -pl cluster-agent -am -Pbench verify -Dtest=ReporterStartupBench -Dsurefire.failIfNoSpecifiedTests=false
 *     [-Dbench.clusters=500 -Dbench.namespaces=5 -Dbench.replicas=5 -Dbench.concurrency=8 -Dbench.http=shared]</pre>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ReporterStartupBench {

    @Test
    void timeToAllSynced() throws Exception {
        int clusters = Integer.getInteger("bench.clusters", 500);
        int namespaces = Integer.getInteger("bench.namespaces", 5);
        int replicas = Integer.getInteger("bench.replicas", 5);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        boolean shared = !"own".equals(System.getProperty("bench.http", "shared"));
        List<String> names = IntStream.rangeClosed(1, clusters).mapToObj(ScaleFleet::name).toList();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Path dir = Files.createTempDirectory("agent-scale-bench");
        print("agent of %d clusters x %d pods, sync concurrency %d, %s HTTP client, %d cores, max heap %d MiB",
                clusters, namespaces * 2 * replicas, concurrency, shared ? "shared" : "per-client",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        long boot = System.nanoTime();
        try (FleetSim fleet = FleetSim.start(ScaleFleet.scenario(clusters, namespaces, replicas, List.of()),
                dir.resolve("fleet"), FleetSim.Options.DEFAULTS);
             SharedClientResources http = new SharedClientResources()) {
            print("fleet-sim started in %d ms", millisSince(boot));
            long heapBefore = heapAfterGc(memory);
            int threadsBefore = Thread.activeCount();

            long open = System.nanoTime();
            Map<String, ClusterConnection> connections = shared
                    ? ClusterConnections.open(names, Optional.of(fleet.kubeconfig()), http)
                    : ClusterConnections.open(names, Optional.of(fleet.kubeconfig()), new VertxHttpClientFactory(), null);
            long openMillis = millisSince(open);
            print("connections opened in %d ms (%.1f ms per cluster), threads +%d", openMillis,
                    (double) openMillis / clusters, Thread.activeCount() - threadsBefore);

            Set<String> reported = ConcurrentHashMap.newKeySet();
            Map<String, ClusterStateReporter> reporters = new LinkedHashMap<>();
            connections.forEach((cluster, connection) -> reporters.put(cluster, new ClusterStateReporter(cluster,
                    connection.client(), state -> reported.add(state.clusterId()), Clock.systemUTC(),
                    new ClusterStateReporter.Timing(Duration.ofSeconds(2), Duration.ofSeconds(15),
                            Duration.ofSeconds(60)))));
            long sync = System.nanoTime();
            try (ReporterStartup startup = new ReporterStartup(reporters, new ReporterStartup.Settings(concurrency,
                    Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(5)), Clock.systemUTC()).start()) {
                long lastPrint = System.nanoTime();
                while (reported.size() < clusters && millisSince(sync) < Duration.ofMinutes(15).toMillis()) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                    if (millisSince(lastPrint) >= 10_000) {
                        SyncPacing.Summary s = startup.summary();
                        print("  after %3d s: %d synced, %d syncing, %d failing, %d reported", millisSince(sync) / 1000,
                                s.synced(), s.syncing(), s.failing().size(), reported.size());
                        lastPrint = System.nanoTime();
                    }
                }
                SyncPacing.Summary s = startup.summary();
                print("all synced after %d ms, first report of every cluster after %d ms (%d synced, %d failing%s)",
                        startup.allSyncedAfter().map(Duration::toMillis).orElse(-1L), millisSince(sync), s.synced(),
                        s.failing().size(), s.failing().isEmpty() ? "" : ": " + s.failing().get(0));
                print("threads +%d, heap after GC +%d MiB (fleet-sim alone: %d MiB)", Thread.activeCount() - threadsBefore,
                        heapAfterGc(memory) - heapBefore, heapBefore);
            } finally {
                connections.values().forEach(ClusterConnection::close);
            }
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void print(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
