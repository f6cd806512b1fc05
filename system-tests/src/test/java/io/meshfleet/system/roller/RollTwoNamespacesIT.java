package io.meshfleet.system.roller;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.system.stack.FleetRestarts;
import io.meshfleet.system.stack.RestartWindows;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 6: the real roller and the real agent roll two namespaces of a fleet-sim cluster to the new control plane's
 * proxy at a set rate; every pod ends READY 2/2 at the new version, each workload restarted once, and fleet-sim's own
 * records show no 60 s window over the namespace or cluster limit.
 */
@ExtendWith(RollerStack.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RollerStack.ROLLER_PROCESS, mode = ResourceAccessMode.READ)
class RollTwoNamespacesIT {

    /** 13 pods at 8 per minute: two windows. Per namespace 5 per minute: shop (7 pods) needs two as well. */
    private static final SidecarLimits LIMITS = new SidecarLimits(5, 8, "50%");
    private static final String CLUSTER = RollerStack.STEADY;

    private static SystemStack stack;

    @BeforeAll
    static void stack(SystemStack shared) {
        stack = shared;
    }

    @Test
    void twoNamespacesRollAtTheSetRateToEveryPodTwoOfTwoAtTheNewProxy() {
        Instant start = Instant.now();
        Envelope roll = Rolls.rollSidecars("plan-steady", CLUSTER, LIMITS, 300);
        stack.publish(roll);

        Rolls.awaitConverged(stack, "plan-steady", CLUSTER, Duration.ofMinutes(3));
        Duration took = Duration.between(start, Instant.now());

        Rolls.assertEveryPodConverged(stack.fleet(), CLUSTER, 13);
        FleetRestarts restarts = Rolls.recorded(stack.fleet(), CLUSTER, start);
        RestartWindows windows = Rolls.assertRestartedOnceWithinLimits(restarts, CLUSTER, LIMITS);
        Instant first = windows.restarts().get(0).at();
        assertThat(windows.restarts()).as("the rest waited for the first minute's tokens")
                .anySatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(first.plusSeconds(60)));
        assertThat(stack.events().data(RollFailed.class, f -> f.clusterId().equals(CLUSTER))).isEmpty();
        assertThat(stack.events().data(CommandRefused.class, r -> r.clusterId().equals(CLUSTER)))
                .as("every RestartWorkloads verified by the agent against the pinned roller key").isEmpty();
        assertThat(stack.events().data(RestartExecuted.class, e -> e.clusterId().equals(CLUSTER))
                .stream().mapToInt(e -> e.restarted().size()).sum()).as("workloads the agent restarted").isEqualTo(6);
        assertThat(stack.events().data(NamespaceProgress.class, p -> p.planId().equals("plan-steady")
                && p.namespace().equals("shop") && p.converged() == 7 && p.total() == 7)).isNotEmpty();
        System.out.printf("[system roller] %s: converged in %.1f s%n", CLUSTER, took.toMillis() / 1000.0);
    }
}
