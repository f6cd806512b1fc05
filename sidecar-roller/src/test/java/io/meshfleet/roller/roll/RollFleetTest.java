package io.meshfleet.roller.roll;

import static io.meshfleet.roller.roll.RollDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.ClusterState;
import io.meshfleet.events.NamespaceFailurePolicy;
import io.meshfleet.events.NamespaceOrder;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.roller.pacing.Pacer;
import io.meshfleet.roller.roll.RollAction.RestartIssued;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RollFleetTest {

    private static SimulatedCluster cluster(String id, int workloads) {
        SimulatedCluster cluster = new SimulatedCluster(id).convergeAfter(Duration.ofSeconds(5));
        IntStream.range(0, workloads).forEach(i -> cluster.deployment("shop", "w" + i, 1));
        return cluster;
    }

    private static SidecarRoll roll(String clusterId) {
        return new SidecarRoll(new RollSidecars("plan-1", clusterId, List.of(), SimulatedCluster.TARGET,
                new SidecarLimits(100, 5, "100%"), 3600, NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER),
                new SidecarRoll.Settings(4, false));
    }

    @Test
    void underAFleetLimitTheClusterWithMostLeftIsServedFirstSoNoneIsLeftAloneAtItsOwnLimit() {
        // 40 pods at 10/min for the fleet, 5/min per cluster: 4 minutes if "a" (20 pods) always gets its 5;
        // served in turn, "b" and "c" would finish first and "a" would run its last 10 pods alone for 2 minutes.
        Map<String, SimulatedCluster> clusters = Map.of("a", cluster("a", 20), "b", cluster("b", 10), "c", cluster("c", 10));
        RollFleet fleet = new RollFleet(new Pacer(10));
        fleet.add(roll("b"));
        fleet.add(roll("c"));
        fleet.add(roll("a"));
        Instant lastRestart = T0;

        for (Instant now = T0; now.isBefore(T0.plusSeconds(600)); now = now.plusSeconds(1)) {
            Map<String, ClusterState> states = new HashMap<>();
            for (Map.Entry<String, SimulatedCluster> c : clusters.entrySet()) {
                states.put(c.getKey(), c.getValue().state(now));
            }
            for (RollFleet.Outcome outcome : fleet.step(id -> Optional.ofNullable(states.get(id)), now)) {
                for (RollAction action : outcome.actions()) {
                    if (action instanceof RestartIssued issued) {
                        clusters.get(outcome.roll().clusterId()).restart(issued.namespace(),
                                issued.workloads().stream().map(RestartedWorkload::ref).toList(), now);
                        lastRestart = now;
                    }
                }
            }
        }

        assertThat(fleet.rolls()).allMatch(r -> r.status() == RollStatus.SUCCEEDED);
        assertThat(lastRestart).as("restarts in minutes 0 to 3: the lower bound of 40 pods at 10/min")
                .isEqualTo(T0.plusSeconds(3 * 60));
    }
}
