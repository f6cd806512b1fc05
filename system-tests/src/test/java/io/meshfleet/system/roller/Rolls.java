package io.meshfleet.system.roller;

import static io.meshfleet.sim.store.BuiltInResources.PODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceOrder;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.sim.controllers.PodView;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.system.stack.FleetRestarts;
import io.meshfleet.system.stack.RestartWindows;
import io.meshfleet.system.stack.SystemStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;

/** What the roller system tests do and check, in the terms of the issue. */
final class Rolls {

    private Rolls() {
    }

    /**
     * {@code RollSidecars} as the orchestrator sends it on fleet.roller.commands. Roller commands are not signed (the
     * roller only reads them from its own topic; agents are the ones that verify signatures): the roller signs the
     * RestartWorkloads it derives, with its own key, which the agents pin.
     */
    static Envelope rollSidecars(String planId, String cluster, SidecarLimits limits, int deadlineSeconds) {
        return Envelope.of("system-test/orchestrator", new RollSidecars(planId, cluster, RollerStack.NAMESPACES,
                        RollerStack.TARGET, limits, deadlineSeconds, NamespaceOrder.AS_LISTED,
                        NamespaceFailurePolicy.STOP_CLUSTER), Clock.systemUTC()).withPlan(planId);
    }

    /** Waits for {@code NamespaceConverged} of every rolled namespace of {@code planId}. */
    static void awaitConverged(SystemStack stack, String planId, String cluster, Duration timeout) {
        for (String namespace : RollerStack.NAMESPACES) {
            stack.events().await(NamespaceConverged.class, c -> c.planId().equals(planId) && c.clusterId().equals(cluster)
                    && c.namespace().equals(namespace), timeout);
        }
    }

    /** Every pod of the rolled namespaces READY 2/2 with its proxy at the target, as fleet-sim holds them now. */
    static void assertEveryPodConverged(FleetSim fleet, String cluster, int expectedPods) {
        SoftAssertions softly = new SoftAssertions();
        int pods = 0;
        for (String namespace : RollerStack.NAMESPACES) {
            for (var node : fleet.cluster(cluster).store().list(PODS, namespace).nodes()) {
                PodView pod = PodView.of(node);
                if (!pod.active()) {
                    continue;
                }
                pods++;
                long ready = pod.containers().stream().filter(PodView.ContainerState::ready).count();
                softly.assertThat(ready + "/" + pod.containers().size() + " " + pod.proxyVersion())
                        .as(cluster + " " + namespace + "/" + pod.name())
                        .isEqualTo("2/2 " + RollerStack.TARGET);
            }
        }
        softly.assertThat(pods).as("pods running in " + RollerStack.NAMESPACES).isEqualTo(expectedPods);
        softly.assertAll();
    }

    /** What fleet-sim recorded for {@code cluster} since {@code since}. */
    static FleetRestarts recorded(FleetSim fleet, String cluster, Instant since) {
        return FleetRestarts.of(fleet.recorder().podEvents(), Set.of(cluster), RollerStack.TARGET, since);
    }

    /**
     * Each workload of the rolled namespaces was restarted exactly once (each old pod replaced once, no new pod
     * replaced again), the namespace without injection not at all, and no 60 s window exceeded a limit.
     */
    static RestartWindows assertRestartedOnceWithinLimits(FleetRestarts restarts, String cluster, SidecarLimits limits) {
        Map<String, Integer> replicas = Map.of("shop/frontend", 3, "shop/cart", 2, "shop/catalog", 2,
                "payments/api", 3, "payments/ledger", 2, "payments/worker", 1);
        SoftAssertions softly = new SoftAssertions();
        replicas.forEach((workload, pods) -> {
            String[] parts = workload.split("/");
            FleetRestarts.Workload record = restarts.workload(cluster, parts[0], parts[1]);
            softly.assertThat(record.oldPodsDeleted()).as(workload + ": old pods replaced").isEqualTo(pods);
            softly.assertThat(record.newPodsDeleted()).as(workload + ": pods at the target replaced again (restarted twice)")
                    .isZero();
            softly.assertThat(record.created()).as(workload + ": pods created").isEqualTo(pods);
        });
        softly.assertThat(restarts.workloads()).as("nothing outside the rolled namespaces was touched")
                .allSatisfy(w -> assertThat(RollerStack.NAMESPACES).contains(w.namespace()));
        RestartWindows windows = restarts.windows();
        print(cluster, windows);
        softly.assertThat(windows.maxPerCluster().get(cluster)).as("pods restarted in any 60 s window, cluster " + cluster)
                .isLessThanOrEqualTo(limits.podsPerMinutePerCluster());
        windows.maxPerNamespace().forEach((namespace, max) -> softly.assertThat(max)
                .as("pods restarted in any 60 s window, namespace " + namespace)
                .isLessThanOrEqualTo(limits.podsPerMinutePerNamespace()));
        softly.assertAll();
        return windows;
    }

    static void print(String cluster, RestartWindows windows) {
        Instant first = windows.restarts().isEmpty() ? Instant.EPOCH : windows.restarts().get(0).at();
        StringBuilder out = new StringBuilder("[system roller] " + cluster + ": restarts at the cluster (s after the first):");
        for (RestartWindows.Restart r : windows.restarts()) {
            out.append(String.format(" %s/%s x%d @%.2f", r.namespace(), r.workload(), r.pods(),
                    Duration.between(first, r.at()).toMillis() / 1000.0));
        }
        System.out.println(out);
        System.out.printf("[system roller] %s: max pods in any 60 s window: cluster %s, namespaces %s; %d pods, %.1f pods/min%n",
                cluster, windows.maxPerCluster(), windows.maxPerNamespace(), windows.pods(), windows.achievedPerMinute());
    }

    /**
     * A crash run as the report's table: when the process died and came back, how long the roll took in all, and what
     * fleet-sim recorded against the limits.
     */
    static String crashTable(String process, String cluster, Duration killedAfter, long begunAtKill, Duration back,
                             Duration roll, RestartWindows windows, SidecarLimits limits) {
        StringBuilder out = new StringBuilder();
        out.append("#### ").append(process).append(" killed mid-roll (cluster ").append(cluster).append(")\n\n");
        out.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("; limits ").append(limits.podsPerMinutePerNamespace()).append(" pods/min per namespace, ")
                .append(limits.podsPerMinutePerCluster()).append(" per cluster, maxUnavailable ")
                .append(limits.maxUnavailable()).append(".\n\n");
        out.append("| figure | value |\n| --- | --- |\n");
        out.append(String.format("| killed (`kill -9`) | %.1f s into the roll, %d of 6 workloads begun |%n",
                seconds(killedAfter), begunAtKill));
        out.append(String.format("| ready again | %.1f s after the kill |%n", seconds(back)));
        out.append(String.format("| roll converged | %.1f s after it was sent |%n", seconds(roll)));
        out.append(String.format("| pods restarted | %d, each workload exactly once (none at the target replaced again) |%n",
                windows.pods()));
        out.append(String.format("| most pods restarted in any 60 s window | cluster %d (limit %d); namespaces %s (limit %d) |%n",
                windows.maxPerCluster().getOrDefault(cluster, 0), limits.podsPerMinutePerCluster(),
                windows.maxPerNamespace(), limits.podsPerMinutePerNamespace()));
        out.append(String.format("| achieved rate | %.1f pods/min |%n", windows.achievedPerMinute()));
        return out.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    static List<String> names(List<PodView> pods) {
        return pods.stream().map(PodView::name).sorted().toList();
    }
}
