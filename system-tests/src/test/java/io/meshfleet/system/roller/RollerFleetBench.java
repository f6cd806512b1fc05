package io.meshfleet.system.roller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceOrder;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.fleetctl.demo.DemoEnvironment;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.system.stack.ControlPlanes;
import io.meshfleet.system.stack.FleetRestarts;
import io.meshfleet.system.stack.RestartWindows;
import io.meshfleet.system.stack.SystemStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's performance section, "the same harness at 6,000 pods/min against fleet-sim in real time": the real
 * sidecar-roller and cluster-agent (separate JVMs, real Kafka and PostgreSQL) roll every injected namespace of a
 * fleet-sim fleet at a fleet limit of 6,000 pods per minute (clusters x per-cluster limit = the same), and the
 * figures are judged from fleet-sim's own records: achieved rate, the most pods in any 60 s window (fleet, cluster,
 * namespace) against the limits, and the makespan against the lower bound pods / rate. Runs only with {@code -Pbench}:
 * {@code ./mvnw -B -pl system-tests -am -Pbench verify -Dtest=RollerFleetBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: {@code -Dbench.clusters=30 -Dbench.namespaces=3 -Dbench.workloads=10 -Dbench.replicas=10
 * -Dbench.fleetRate=6000}).
 */
class RollerFleetBench {

    @Test
    void rollAFleetAtSixThousandPodsPerMinuteInRealTime() {
        assumeTrue(Boolean.getBoolean("meshfleet.bench"), "the benchmark runs with -Pbench");
        int clusters = Integer.getInteger("bench.clusters", 30);
        int namespaces = Integer.getInteger("bench.namespaces", 3);
        int workloads = Integer.getInteger("bench.workloads", 10);
        int replicas = Integer.getInteger("bench.replicas", 10);
        int fleetRate = Integer.getInteger("bench.fleetRate", 6000);
        int clusterRate = fleetRate / clusters;
        SidecarLimits limits = new SidecarLimits(clusterRate, clusterRate, "25%");
        int pods = clusters * namespaces * workloads * replicas;

        StringBuilder yaml = new StringBuilder("""
                name: roller-bench
                timeScale: 60
                delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 2m}
                clusters:
                  - namePattern: bench-%02d
                """);
        yaml.append("    count: ").append(clusters).append('\n')
                .append("    mesh: {version: ").append(RollerStack.OLD).append(", profile: asm-multicloud}\n")
                .append("    namespaces:\n");
        for (int n = 0; n < namespaces; n++) {
            yaml.append("      - name: ns-").append(n).append("\n        injection: true\n        workloads:\n");
            for (int w = 0; w < workloads; w++) {
                yaml.append("          - {kind: Deployment, name: w").append(w).append(", replicas: ").append(replicas)
                        .append("}\n");
            }
        }
        DemoEnvironment.Options options = RollerStack.quickServices(DemoEnvironment.Options.DEFAULTS
                        .withServices("sidecar-roller", "cluster-agent")
                        .withEnv(RollerStack.ROLLER, "MESHFLEET_ROLLER_FLEET_PODS_PER_MINUTE", Integer.toString(fleetRate))
                        .withFleet(FleetSim.Options.DEFAULTS.withTimeScale(60)),
                List.of("cluster-agent"))
                .withJvmOption("cluster-agent", "-Xmx1g")
                .withJvmOption(RollerStack.ROLLER, "-Xmx768m");
        try (SystemStack stack = SystemStack.start("roller-bench",
                ScenarioReader.read(yaml.toString(), "roller-bench"), options)) {
            List<String> names = stack.fleet().clusterNames();
            ControlPlanes.install(stack.fleet(), names, RollerStack.TARGET);
            ControlPlanes.awaitHealthy(stack.fleet(), names, Duration.ofMinutes(5));

            Instant start = Instant.now();
            for (String cluster : names) {
                stack.publish(Envelope.of("bench/orchestrator", new RollSidecars("bench", cluster, List.of(),
                        RollerStack.TARGET, limits, 3600, NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER),
                        Clock.systemUTC()).withPlan("bench"));
            }
            int expected = clusters * namespaces;
            Awaitility.await("every namespace converged").atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> stack.events().data(NamespaceConverged.class, c -> c.planId().equals("bench")).size()
                            >= expected || !stack.events().data(RollFailed.class, f -> true).isEmpty());
            assertThat(stack.events().data(RollFailed.class, f -> true)).isEmpty();
            Instant done = Instant.now();

            FleetRestarts restarts = FleetRestarts.of(stack.fleet().recorder().podEvents(), new HashSet<>(names),
                    RollerStack.TARGET, start);
            RestartWindows windows = restarts.windows();
            long twice = restarts.workloads().stream().filter(w -> w.newPodsDeleted() > 0).count();
            double makespan = Duration.between(start, done).toMillis() / 60_000.0;
            double lowerBound = pods / (double) fleetRate;
            int maxCluster = windows.maxPerCluster().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int maxNamespace = windows.maxPerNamespace().values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<Instant> times = new ArrayList<>(windows.restarts().stream().map(RestartWindows.Restart::at).toList());
            System.out.printf("%n[RollerFleetBench] %d clusters x %d namespaces x %d Deployments x %d replicas = %d pods;"
                            + " limits %d/min per namespace and cluster, %d/min fleet; real roller and agent JVMs,"
                            + " fleet-sim at time scale 60%n", clusters, namespaces, workloads, replicas, pods, clusterRate,
                    fleetRate);
            System.out.printf("[RollerFleetBench]   pods restarted (fleet-sim): %d in %d workload restarts, workloads"
                    + " restarted twice: %d%n", windows.pods(), times.size(), twice);
            System.out.printf("[RollerFleetBench]   max pods in any 60 s window at the clusters: fleet %d (limit %d),"
                    + " cluster %d (limit %d), namespace %d (limit %d)%n", windows.maxFleet(), fleetRate, maxCluster,
                    clusterRate, maxNamespace, clusterRate);
            System.out.printf("[RollerFleetBench]   achieved rate: %.0f pods/min (%.1f%% of %d)%n",
                    windows.achievedPerMinute(), 100 * windows.achievedPerMinute() / fleetRate, fleetRate);
            System.out.printf("[RollerFleetBench]   makespan: %.2f min (RollSidecars to the last NamespaceConverged;"
                            + " last restart began at %.2f min), lower bound %.2f min, ratio %.3f%n", makespan,
                    Duration.between(start, times.get(times.size() - 1)).toMillis() / 60_000.0, lowerBound,
                    makespan / lowerBound);
            int[] perTenSeconds = new int[(int) (Duration.between(start, done).toSeconds() / 10) + 1];
            for (RestartWindows.Restart r : windows.restarts()) {
                perTenSeconds[(int) (Duration.between(start, r.at()).toSeconds() / 10)] += r.pods();
            }
            System.out.printf("[RollerFleetBench]   pods whose restart began in each 10 s from RollSidecars: %s%n",
                    java.util.Arrays.toString(perTenSeconds));
            assertThat(windows.pods()).isEqualTo(pods);
            assertThat(twice).isZero();
            assertThat(windows.maxFleet()).isLessThanOrEqualTo(fleetRate);
            assertThat(Map.of("cluster", maxCluster, "namespace", maxNamespace))
                    .allSatisfy((k, v) -> assertThat(v).as(k).isLessThanOrEqualTo(clusterRate));
        }
    }
}
