package io.meshfleet.roller.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshfleet.events.ClusterState;
import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceOrder;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.roller.pacing.Pacer;
import io.meshfleet.roller.roll.RollAction.RestartIssued;
import io.meshfleet.roller.roll.RollFleet.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pacing benchmark on a simulated clock: the same decision core the service runs, a pass every
 * second, simulated clusters whose restarted pods are READY 2/2 at the new proxy 30 s later. Prints the
 * highest number of pods restarted in any 60-second window per namespace, cluster and fleet (counted
 * from the issued restarts, independently of the pacer), the achieved rate and the makespan against the
 * lower bound pods / rate. Run with {@code ./mvnw -pl sidecar-roller -am -Pbench test -Dtest=RollBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RollBench {

    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    /** Workload sizes of one namespace: 100 pods, big and small workloads mixed. */
    private static final int[] SIZES = {10, 1, 3, 1, 5, 2, 8, 1, 1, 4, 10, 2, 6, 1, 3, 7, 1, 2, 9, 1, 5, 3, 1, 4, 5, 2, 3};

    @BeforeAll
    static void onlyInTheBenchProfile() {
        assumeTrue(Boolean.getBoolean("meshfleet.bench"), "the benchmark runs with -Pbench");
    }

    private record Issue(Instant at, String cluster, String namespace, int pods) {
    }

    @Test
    void tenThousandPodsInOneHundredNamespacesAtOneHundredPodsPerMinute() {
        Result result = run(1, 100, new SidecarLimits(100, 100, "25%"), 100_000);

        assertThat(result.maxNamespaceWindow).isLessThanOrEqualTo(100);
        assertThat(result.maxClusterWindow).isLessThanOrEqualTo(100);
        assertThat(result.achievedPerMinute).isBetween(98.0, 100.0);
        assertThat(result.makespanMinutes / result.lowerBoundMinutes).isLessThanOrEqualTo(1.05);
    }

    @Test
    void fiveClustersUnderAFleetLimitOfTwoHundredAndFiftyPodsPerMinute() {
        Result result = run(5, 20, new SidecarLimits(100, 100, "25%"), 250);

        assertThat(result.maxClusterWindow).isLessThanOrEqualTo(100);
        assertThat(result.maxFleetWindow).isLessThanOrEqualTo(250);
        assertThat(result.makespanMinutes / result.lowerBoundMinutes).isLessThanOrEqualTo(1.05);
    }

    private record Result(int pods, int maxNamespaceWindow, int maxClusterWindow, int maxFleetWindow,
                          double achievedPerMinute, double makespanMinutes, double lowerBoundMinutes) {
    }

    private static Result run(int clusterCount, int namespacesPerCluster, SidecarLimits limits, int fleetLimit) {
        Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
        RollFleet fleet = new RollFleet(new Pacer(fleetLimit));
        int pods = 0;
        for (int c = 0; c < clusterCount; c++) {
            String clusterId = "cluster-" + c;
            SimulatedCluster cluster = new SimulatedCluster(clusterId).convergeAfter(Duration.ofSeconds(30));
            for (int n = 0; n < namespacesPerCluster; n++) {
                String namespace = "ns-" + n;
                int left = 100;
                for (int w = 0; left > 0; w++) {
                    int size = Math.min(left, SIZES[(w + n) % SIZES.length]);
                    cluster.deployment(namespace, "w" + w, size);
                    left -= size;
                    pods += size;
                }
            }
            clusters.put(clusterId, cluster);
            fleet.add(new SidecarRoll(new RollSidecars("bench", clusterId, List.of(), SimulatedCluster.TARGET, limits,
                    24 * 3600, NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER),
                    new SidecarRoll.Settings(Integer.getInteger("bench.parallel", 4), false)));
        }
        List<Issue> issues = new ArrayList<>();
        Instant now = T0;
        long started = System.nanoTime();
        int passes = 0;
        Map<String, ClusterState> reports = new HashMap<>();
        Function<String, Optional<ClusterState>> states = id -> Optional.of(reports.get(id));
        while (fleet.rolls().stream().anyMatch(r -> !r.status().isFinal())) {
            for (Map.Entry<String, SimulatedCluster> cluster : clusters.entrySet()) {
                reports.put(cluster.getKey(), cluster.getValue().state(now));
            }
            for (Outcome outcome : fleet.step(states, now)) {
                for (RollAction action : outcome.actions()) {
                    if (action instanceof RestartIssued issued) {
                        clusters.get(outcome.roll().clusterId()).restart(issued.namespace(),
                                issued.workloads().stream().map(RestartedWorkload::ref).toList(), now);
                        issues.add(new Issue(now, outcome.roll().clusterId(), issued.namespace(), issued.pods()));
                    }
                }
            }
            passes++;
            now = now.plusSeconds(1);
            if (Duration.between(T0, now).toHours() > 48) {
                throw new AssertionError("the rolls did not finish in 48 simulated hours");
            }
        }
        double wallMillis = (System.nanoTime() - started) / 1e6;
        Instant finished = now.minusSeconds(1);
        for (SidecarRoll roll : fleet.rolls()) {
            assertThat(roll.status()).isEqualTo(RollStatus.SUCCEEDED);
        }
        int restartedPods = issues.stream().mapToInt(Issue::pods).sum();
        assertThat(restartedPods).as("every pod restarted exactly once").isEqualTo(pods);
        for (SimulatedCluster cluster : clusters.values()) {
            assertThat(cluster.totalRestarts()).isEqualTo(clusters.values().iterator().next().totalRestarts());
        }

        int maxNamespace = maxWindow(issues, i -> i.cluster() + "/" + i.namespace());
        int maxCluster = maxWindow(issues, Issue::cluster);
        int maxFleet = maxWindow(issues, i -> "fleet");
        Instant first = issues.get(0).at();
        Instant last = issues.get(issues.size() - 1).at();
        // A budget used without pause restarts `limit` pods per 60 s window: the issuing span plus the last window.
        double achieved = restartedPods / ((Duration.between(first, last).toSeconds() + 60) / 60.0);
        double limit = Math.min(fleetLimit, (double) clusterCount * limits.podsPerMinutePerCluster());
        double lowerBound = pods / limit;
        double makespan = Duration.between(T0, finished).toSeconds() / 60.0;

        System.out.printf("%n[RollBench] %d cluster(s) x %d namespaces, %d pods, limits %d/min per namespace, %d/min per"
                        + " cluster, %d/min fleet, maxUnavailable %s, pods ready 30 s after a restart, a pass every second%n",
                clusterCount, namespacesPerCluster, pods, limits.podsPerMinutePerNamespace(), limits.podsPerMinutePerCluster(),
                fleetLimit, limits.maxUnavailable());
        System.out.printf("[RollBench]   restart commands: %d, pods restarted: %d (each workload once)%n", issues.size(),
                restartedPods);
        System.out.printf("[RollBench]   max pods in any 60 s window: namespace %d, cluster %d, fleet %d%n",
                maxNamespace, maxCluster, maxFleet);
        System.out.printf("[RollBench]   achieved rate: %.2f pods/min (%.2f%% of %.0f)%n", achieved,
                100 * achieved / limit, limit);
        System.out.printf("[RollBench]   makespan: %.2f min (last restart at %.2f min), lower bound %.2f min, ratio %.4f%n",
                makespan, Duration.between(T0, last).toSeconds() / 60.0, lowerBound, makespan / lowerBound);
        System.out.printf("[RollBench]   %d decision passes in %.0f ms wall time (%.3f ms per pass)%n", passes, wallMillis,
                wallMillis / passes);
        return new Result(restartedPods, maxNamespace, maxCluster, maxFleet, achieved, makespan, lowerBound);
    }

    /** The most pods any 60-second window [t, t + 60 s) holds, per key, counted from the issue log. */
    private static int maxWindow(List<Issue> issues, Function<Issue, String> key) {
        Map<String, List<Issue>> byKey = new HashMap<>();
        issues.forEach(i -> byKey.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i));
        int max = 0;
        for (List<Issue> list : byKey.values()) {
            list.sort(Comparator.comparing(Issue::at));
            int start = 0;
            int sum = 0;
            for (Issue issue : list) {
                sum += issue.pods();
                while (!list.get(start).at().isAfter(issue.at().minusSeconds(60))) {
                    sum -= list.get(start++).pods();
                }
                max = Math.max(max, sum);
            }
        }
        return max;
    }
}
