package io.meshfleet.roller.roll;

import io.meshfleet.events.RollSidecars;
import io.meshfleet.roller.pacing.Pacer;
import io.meshfleet.roller.roll.RollAction.RestartIssued;
import io.meshfleet.events.WorkloadRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs one roll against a {@link SimulatedCluster} on a simulated clock, the agent executing every restart at once. */
final class RollDriver {

    static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

    final SimulatedCluster cluster;
    final SidecarRoll roll;
    final Pacer pacer;
    final List<RollAction> actions = new ArrayList<>();
    Instant now = T0;

    RollDriver(SimulatedCluster cluster, RollSidecars command, int maxParallelNamespaces) {
        this(cluster, new SidecarRoll(command, new SidecarRoll.Settings(maxParallelNamespaces, false)), new Pacer(100_000));
    }

    RollDriver(SimulatedCluster cluster, SidecarRoll roll, Pacer pacer) {
        this.cluster = cluster;
        this.roll = roll;
        this.pacer = pacer;
    }

    /** One pass now; restarts it issues are executed by the cluster. */
    List<RollAction> step() {
        pacer.beginPass();
        List<RollAction> step = roll.step(cluster.state(now), now, pacer);
        for (RollAction action : step) {
            if (action instanceof RestartIssued issued) {
                cluster.restart(issued.namespace(), issued.workloads().stream().map(RestartedWorkload::ref).toList(), now);
            }
        }
        actions.addAll(step);
        return step;
    }

    /** Passes every {@code everySeconds} until {@code seconds} have passed (inclusive of now). */
    void run(int seconds, int everySeconds) {
        Instant end = now.plusSeconds(seconds);
        while (!now.isAfter(end) && !roll.status().isFinal()) {
            step();
            now = now.plusSeconds(everySeconds);
        }
    }

    <T extends RollAction> List<T> all(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Names of workloads restarted by the actions of one step. */
    static List<String> restarted(List<RollAction> step) {
        return step.stream().filter(RestartIssued.class::isInstance).map(RestartIssued.class::cast)
                .flatMap(r -> r.workloads().stream()).map(RestartedWorkload::ref).map(WorkloadRef::name).toList();
    }
}
