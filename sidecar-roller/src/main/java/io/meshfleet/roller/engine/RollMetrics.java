package io.meshfleet.roller.engine;

import io.meshfleet.roller.roll.RollFleet;
import io.meshfleet.roller.roll.SidecarRoll;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The roller's Micrometer meters: pods restarted and converged per cluster (counters), the current
 * restart rate per cluster (pods in the last minute) and the blocked workloads (gauges, updated after
 * every decision pass so that a scrape never reads the rolls while a pass changes them).
 */
@ApplicationScoped
public class RollMetrics {

    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> rates = new ConcurrentHashMap<>();
    private final AtomicInteger blocked = new AtomicInteger();

    RollMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("meshfleet.roller.workloads.blocked", blocked, AtomicInteger::get)
                .description("workloads that need a restart but wait for a PodDisruptionBudget or a person")
                .register(meters);
    }

    void restarted(String clusterId, int pods) {
        Counter.builder("meshfleet.roller.restarts.issued").description("pods restarted by RestartWorkloads commands")
                .tag("cluster", clusterId).register(meters).increment(pods);
        rate(clusterId);
    }

    void converged(String clusterId, int pods) {
        Counter.builder("meshfleet.roller.pods.converged").description("pods of converged namespaces")
                .tag("cluster", clusterId).register(meters).increment(pods);
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
