package io.meshfleet.roller.engine;

import io.meshfleet.events.RefusalReason;
import io.meshfleet.roller.roll.RollFleet;
import io.meshfleet.roller.roll.SidecarRoll;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The roller's Micrometer meters: pods restarted and converged per cluster (counters), the current
 * restart rate per cluster (pods in the last minute) and the blocked workloads (gauges, updated after
 * every decision pass so that a scrape never reads the rolls while a pass changes them), and what agents
 * report about the roller's commands (restarts executed, commands refused by reason). Every per-cluster
 * meter is registered at zero as soon as the cluster is known from its first state report
 * ({@link #clusterKnown}), so that the dashboard reads 0 rather than "no data" before the first roll.
 */
@ApplicationScoped
public class RollMetrics {

    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> rates = new ConcurrentHashMap<>();
    private final AtomicInteger blocked = new AtomicInteger();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    RollMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("meshfleet.roller.workloads.blocked", blocked, AtomicInteger::get)
                .description("workloads that need a restart but wait for a PodDisruptionBudget or a person")
                .register(meters);
    }

    /** Registers every per-cluster meter of {@code clusterId} (idempotent: existing meters keep their values). */
    public void clusterKnown(String clusterId) {
        if (!known.add(clusterId)) {
            return;
        }
        issued(clusterId);
        converged(clusterId);
        rate(clusterId);
        restartsExecuted(meters, clusterId);
        for (RefusalReason reason : RefusalReason.values()) {
            commandsRefused(meters, clusterId, reason);
        }
    }

    /** Pods of {@code clusterId} that agents report restarted. */
    public static Counter restartsExecuted(MeterRegistry meters, String clusterId) {
        return meters.counter("meshfleet.roller.restarts.executed", "cluster", clusterId);
    }

    /** RestartWorkloads commands the agent of {@code clusterId} refused, by reason. */
    public static Counter commandsRefused(MeterRegistry meters, String clusterId, RefusalReason reason) {
        return meters.counter("meshfleet.roller.commands.refused", "cluster", clusterId, "reason", reason.name());
    }

    void restarted(String clusterId, int pods) {
        issued(clusterId).increment(pods);
        rate(clusterId);
    }

    void converged(String clusterId, int pods) {
        converged(clusterId).increment(pods);
    }

    private Counter issued(String clusterId) {
        return Counter.builder("meshfleet.roller.restarts.issued").description("pods restarted by RestartWorkloads commands")
                .tag("cluster", clusterId).register(meters);
    }

    private Counter converged(String clusterId) {
        return Counter.builder("meshfleet.roller.pods.converged").description("pods of converged namespaces")
                .tag("cluster", clusterId).register(meters);
    }

    void update(RollFleet fleet, Instant now) {
        rates.forEach((cluster, rate) -> rate.set(fleet.pacer().clusterRate(cluster, now)));
        blocked.set(fleet.rolls().stream().mapToInt(SidecarRoll::blockedWorkloads).sum());
    }

    private AtomicInteger rate(String clusterId) {
        return rates.computeIfAbsent(clusterId, cluster -> {
            AtomicInteger rate = new AtomicInteger();
            Gauge.builder("meshfleet.roller.rate", rate, AtomicInteger::get)
                    .description("pods restarted in the cluster within the last minute")
                    .tag("cluster", cluster).register(meters);
            return rate;
        });
    }
}
