package io.meshfleet.agent.kube;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether each served cluster's API server answers: probed every {@value #INTERVAL_SECONDS} s in the background
 * (GET /version), exported as {@code meshfleet_agent_cluster_api_up{cluster}} (1 or 0) and as the readiness check
 * {@code kubernetes-api} with one entry per cluster. The check is DOWN only when no served cluster answers: one
 * unreachable cluster must not take the agent of the others out of service.
 */
@Readiness
@ApplicationScoped
public class ClusterApiHealth implements HealthCheck {

    static final long INTERVAL_SECONDS = 10;

    private record Probe(boolean up, String detail) {
    }

    private final ClusterConnections connections;
    private final Clock clock;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private ScheduledExecutorService prober;

    ClusterApiHealth(ClusterConnections connections, MeterRegistry meters, Clock clock) {
        this.connections = connections;
        this.clock = clock;
        for (String cluster : connections.clusters()) {
            Gauge.builder("meshfleet.agent.cluster.api.up", probes, p -> p.getOrDefault(cluster, new Probe(false, "")).up() ? 1 : 0)
                    .tag("cluster", cluster).register(meters);
        }
    }

    void start(@Observes StartupEvent event) {
        prober = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "cluster-api-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(this::probeAll, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    private void probeAll() {
        for (String cluster : connections.clusters()) {
            try {
                String version = connections.get(cluster).client().getKubernetesVersion().getGitVersion();
                probes.put(cluster, new Probe(true, "reachable, " + version + ", at " + Instant.now(clock)));
            } catch (RuntimeException e) {
                probes.put(cluster, new Probe(false, "unreachable at " + Instant.now(clock) + ": " + e.getMessage()));
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kubernetes-api");
        boolean anyUp = probes.isEmpty();
        for (String cluster : connections.clusters()) {
            Probe probe = probes.get(cluster);
            response.withData(cluster, probe == null ? "not probed yet" : probe.detail());
            anyUp |= probe != null && probe.up();
        }
        return response.status(anyUp).build();
    }
}
