package io.meshfleet.agent.state;

import io.meshfleet.agent.AgentConfig;
import io.meshfleet.agent.kube.ClusterConnections;
import io.meshfleet.agent.messaging.AgentEventPublisher;
import io.meshfleet.agent.messaging.AgentMeters;
import io.meshfleet.agent.model.SyncPacing;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a {@link ClusterStateReporter} for every served cluster at boot, publishing to {@code fleet.cluster.state},
 * and hands them to a {@link ReporterStartup} that starts their informers in the background: boot does not wait for
 * any cluster, and an unreachable one is retried without holding up the others.
 */
@ApplicationScoped
public class StateReporters {

    private volatile ReporterStartup startup;

    void start(@Observes StartupEvent event, AgentConfig config, ClusterConnections connections,
            AgentEventPublisher publisher, MeterRegistry meters, Clock clock) {
        AgentConfig.State state = config.state();
        if (!state.enabled()) {
            return;
        }
        ClusterStateReporter.Timing timing = new ClusterStateReporter.Timing(state.debounce(), state.maxDelay(),
                state.heartbeat());
        Map<String, ClusterStateReporter> reporters = new LinkedHashMap<>();
        for (String cluster : connections.clusters()) {
            reporters.put(cluster, new ClusterStateReporter(cluster, connections.get(cluster).client(), report -> {
                publisher.state(report);
                AgentMeters.stateReports(meters, cluster).increment();
            }, clock, timing));
        }
        startup = new ReporterStartup(reporters, new ReporterStartup.Settings(state.syncConcurrency(),
                state.syncTimeout(), state.syncRetry(), state.syncRetryMax()), clock).start();
    }

    /** How far the informers' start-up has got; empty when state reports are disabled. */
    public Optional<SyncPacing.Summary> sync() {
        ReporterStartup current = startup;
        return current == null ? Optional.empty() : Optional.of(current.summary());
    }

    void stop(@Observes ShutdownEvent event) {
        if (startup != null) {
            startup.close();
        }
    }
}
