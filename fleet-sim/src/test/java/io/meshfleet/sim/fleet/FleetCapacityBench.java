package io.meshfleet.sim.fleet;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.PODS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.PatchType;
import io.meshfleet.sim.store.StoredObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * How big a fleet one JVM sustains: starts N clusters of 50 pods each, then prints the start time, the heap after GC,
 * the CPU used while idle, a real kubectl rollout restart of one namespace on one cluster, and the same restart on
 * every cluster at once. Not a test: it runs only with {@code -Pbench} and asserts nothing.
 *
 * <pre>./mvnw -pl fleet-sim -Pbench test -Dbench.clusters=1000 -Dbench.timeScale=60</pre>
 */
class FleetCapacityBench {

    private static final List<String> NAMESPACES = List.of("shop", "payments", "search", "media", "accounts");

    @Test
    void capacity() throws Exception {
        int clusters = Integer.getInteger("bench.clusters", 1000);
        double timeScale = Double.parseDouble(System.getProperty("bench.timeScale", "60"));
        int history = Integer.getInteger("bench.history", FleetSim.Options.DEFAULTS.historyLimit());
        Scenario scenario = ScenarioReader.read(scenario(clusters, timeScale), "bench");
        Path dir = Files.createTempDirectory("fleet-sim-bench");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        print("fleet: %d clusters x %d pods = %d workload pods (+ %d control-plane pods), time scale %s, "
                        + "history %d, %d cores, max heap %d MiB", clusters, scenario.userClusters().get(0).pods(),
                scenario.pods(), (clusters - 1) * 3, timeScale, history, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        long started = System.nanoTime();
        try (FleetSim fleet = FleetSim.start(scenario, dir, FleetSim.Options.DEFAULTS.withTimeScale(timeScale)
                .withHistoryLimit(history))) {
            print("start (seeded and converged): %d ms", millisSince(started));
            print("objects: %d pods, %d objects in all", count(fleet, PODS), objects(fleet));
            print("heap after GC: %d MiB", heapAfterGc(memory));

            // The measurement windows: nothing to wait for, the point is to let the idle fleet run. The first
            // seconds after start are the JIT and GC finishing the boot's work, so they are reported apart.
            long cpu = os.getProcessCpuTime();
            long window = System.nanoTime();
            LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            double settling = 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - window);
            cpu = os.getProcessCpuTime();
            window = System.nanoTime();
            LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            double idle = 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - window);
            print("CPU while idle: %.1f%% of one core (the 10 s before: %.1f%%, JIT and GC settling), %d timers "
                    + "pending", idle, settling, fleet.scheduler().pendingTimers());

            Cli cli = new Cli(fleet.kubeconfig(), Files.createDirectories(dir.resolve("kube-cache")));
            cli.kubectl("user-0001", "get", "pods", "-A");
            long get = System.nanoTime();
            Cli.Result pods = cli.kubectl("user-0001", "get", "pods", "-A");
            print("kubectl get pods -A on one cluster: %d ms (%d lines)", millisSince(get),
                    pods.stdout().lines().count());

            long restart = System.nanoTime();
            Cli.Result rollout = cli.kubectl("user-0001", "rollout", "restart", "deployment", "-n", "shop");
            for (String deployment : List.of("frontend", "cart")) {
                Cli.Result status = cli.kubectl("user-0001", "rollout", "status", "deployment/" + deployment, "-n",
                        "shop", "--timeout=600s");
                if (status.exitCode() != 0 || rollout.exitCode() != 0) {
                    throw new AssertionError(rollout + "\n" + status);
                }
            }
            long restartMillis = millisSince(restart);
            print("kubectl rollout restart + rollout status of one namespace (10 pods, 2 Deployments): %d ms real "
                    + "= %.0f s simulated", restartMillis, restartMillis * timeScale / 1000);

            Instant stamp = Instant.now();
            cpu = os.getProcessCpuTime();
            long fleetWide = System.nanoTime();
            for (String cluster : fleet.clusterNames()) {
                restart(fleet.cluster(cluster).store(), "payments", stamp);
            }
            long patched = millisSince(fleetWide);
            int restarted = (clusters - 1) * 10;
            // Counting the recorder's events is cheap; checking every Deployment's status is done once at the end.
            while (fleet.recorder().podEvents(e -> e.type() == FleetRecorder.PodEventType.GONE
                    && e.namespace().equals("payments")).size() < restarted || !rolledOut(fleet, "payments")) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            long fleetMillis = millisSince(fleetWide);
            double cores = (os.getProcessCpuTime() - cpu) / 1e6 / fleetMillis;
            print("rollout restart of one namespace on every cluster at once (%d pods): patched in %d ms, all "
                            + "rolled out after %d ms real = %.0f s simulated; %.0f pod restarts per real second, "
                            + "%.2f cores busy", (clusters - 1) * 10, patched, fleetMillis, fleetMillis * timeScale / 1000,
                    (clusters - 1) * 10 * 1000.0 / fleetMillis, cores);
            while (fleet.scheduler().pendingTimers() > 0 || !fleet.awaitIdle(Duration.ofSeconds(1))) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            print("heap after GC, after the restarts: %d MiB; recorder holds %d pod events", heapAfterGc(memory),
                    fleet.recorder().podEvents().size());
        }
    }

    private static String scenario(int clusters, double timeScale) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("name: bench\ntimeScale: ").append(timeScale).append('\n');
        yaml.append("clusters:\n  - name: admin\n    admin: true\n");
        yaml.append("  - namePattern: user-%04d\n    count: ").append(clusters - 1).append('\n');
        yaml.append("    mesh: {version: 1.6.14-asm.1, profile: asm-multicloud}\n    namespaces:\n");
        Map<String, List<String>> workloads = Map.of("shop", List.of("frontend", "cart"),
                "payments", List.of("api", "worker"), "search", List.of("query", "indexer"),
                "media", List.of("images", "video"), "accounts", List.of("users", "sessions"));
        for (String namespace : NAMESPACES) {
            yaml.append("      - name: ").append(namespace).append("\n        injection: true\n        workloads:\n");
            for (String workload : workloads.get(namespace)) {
                yaml.append("          - {kind: Deployment, name: ").append(workload).append(", replicas: 5}\n");
            }
        }
        return yaml.toString();
    }

    private static void restart(ClusterStore store, String namespace, Instant stamp) {
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
                .put("kubectl.kubernetes.io/restartedAt", stamp.toString());
        for (StoredObject deployment : store.list(DEPLOYMENTS, namespace).items()) {
            store.patch(DEPLOYMENTS, namespace, deployment.name(), PatchType.STRATEGIC_MERGE, patch);
        }
    }

    private static boolean rolledOut(FleetSim fleet, String namespace) {
        for (String cluster : fleet.clusterNames()) {
            for (StoredObject object : fleet.cluster(cluster).store().list(DEPLOYMENTS, namespace).items()) {
                JsonNode deployment = object.node();
                JsonNode status = deployment.path("status");
                int replicas = deployment.at("/spec/replicas").asInt();
                if (status.path("observedGeneration").asLong() < deployment.at("/metadata/generation").asLong()
                        || status.path("updatedReplicas").asInt() != replicas
                        || status.path("availableReplicas").asInt() != replicas
                        || status.path("replicas").asInt() != replicas) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long count(FleetSim fleet, io.meshfleet.sim.store.ResourceType type) {
        long count = 0;
        for (String cluster : fleet.clusterNames()) {
            count += fleet.cluster(cluster).store().list(type).items().size();
        }
        return count;
    }

    private static long objects(FleetSim fleet) {
        long count = 0;
        for (String cluster : fleet.clusterNames()) {
            count += fleet.cluster(cluster).store().objectCount();
        }
        return count;
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
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
