package io.meshfleet.system.roller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.system.stack.FleetRestarts;
import io.meshfleet.system.stack.RestartWindows;
import io.meshfleet.system.stack.SystemReport;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 6 and issue 12 item 2: the roller is killed ({@code kill -9}) mid-roll, after the first restarts reached the
 * cluster and before the roll could finish, and started again: the roll finishes, fleet-sim saw every workload
 * restarted exactly once, and no 60 s window exceeded a limit across the crash. Holds the roller process alone.
 */
@ExtendWith(RollerStack.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = RollerStack.ROLLER_PROCESS, mode = ResourceAccessMode.READ_WRITE)
@Order(1) // see the system-tests pom: lets the tests that only read the roller run together
class RollerCrashIT {

    private static final SidecarLimits LIMITS = new SidecarLimits(5, 8, "50%");
    private static final String CLUSTER = RollerStack.ROLLER_KILL;

    private static SystemStack stack;

    @BeforeAll
    static void stack(SystemStack shared) {
        stack = shared;
    }

    @Test
    void aRollerKilledMidRollFinishesTheRollWithNoWorkloadRestartedTwiceAndTheLimitsHeld() {
        Instant start = Instant.now();
        stack.publish(Rolls.rollSidecars("plan-roller-kill", CLUSTER, LIMITS, 300));

        await("the first restart at the cluster").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> Rolls.recorded(stack.fleet(), CLUSTER, start).windows().restarts().size() >= 1);
        stack.kill(RollerStack.ROLLER);
        Instant killed = Instant.now();
        long begunAtKill = Rolls.recorded(stack.fleet(), CLUSTER, start).workloads().stream()
                .filter(w -> w.firstCreated() != null).count();
        assertThat(begunAtKill).as("workloads restarted when the roller died: some, not all").isBetween(1L, 5L);

        stack.restart(RollerStack.ROLLER);
        Instant back = Instant.now();
        System.out.printf("[system roller] %s: roller killed %.1f s into the roll with %d of 6 workloads begun, ready"
                        + " again %.1f s later%n", CLUSTER, Duration.between(start, killed).toMillis() / 1000.0, begunAtKill,
                Duration.between(killed, back).toMillis() / 1000.0);

        Rolls.awaitConverged(stack, "plan-roller-kill", CLUSTER, Duration.ofMinutes(3));
        Duration roll = Duration.between(start, Instant.now());
        Rolls.assertEveryPodConverged(stack.fleet(), CLUSTER, 13);
        FleetRestarts restarts = Rolls.recorded(stack.fleet(), CLUSTER, start);
        RestartWindows windows = Rolls.assertRestartedOnceWithinLimits(restarts, CLUSTER, LIMITS);
        assertThat(stack.events().data(RollFailed.class, f -> f.clusterId().equals(CLUSTER))).isEmpty();
        assertThat(stack.events().data(CommandRefused.class, r -> r.clusterId().equals(CLUSTER)))
                .as("a command re-sent after the crash may only be refused as a replay")
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo(RefusalReason.REPLAYED));
        SystemReport.publish("roller-crash-roller", Rolls.crashTable("sidecar-roller", CLUSTER,
                Duration.between(start, killed), begunAtKill, Duration.between(killed, back), roll, windows, LIMITS));
    }
}
