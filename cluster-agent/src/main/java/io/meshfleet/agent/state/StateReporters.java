package io.meshfleet.agent.state;

import io.meshfleet.agent.AgentConfig;
import io.meshfleet.agent.kube.ClusterConnections;
import io.meshfleet.agent.messaging.AgentEventPublisher;
import io.meshfleet.agent.messaging.AgentMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Starts a {@link ClusterStateReporter} for every served cluster at boot, publishing to {@code fleet.cluster.state}. */
@ApplicationScoped
public class StateReporters {

    private static final Logger LOG = Logger.getLogger(StateReporters.class);

    private final List<ClusterStateReporter> running = new ArrayList<>();

    void start(@Observes StartupEvent event, AgentConfig config, ClusterConnections connections,
            AgentEventPublisher publisher, MeterRegistry meters, Clock clock) {
        if (!config.state().enabled()) {
            return;
        }
        ClusterStateReporter.Timing timing = new ClusterStateReporter.Timing(config.state().debounce(),
                config.state().maxDelay(), config.state().heartbeat());
        for (String cluster : connections.clusters()) {
            try {
                running.add(new ClusterStateReporter(cluster, connections.get(cluster).client(), state -> {
                    publisher.state(state);
                    AgentMeters.stateReports(meters, cluster).increment();
                }, clock, timing).start());
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot watch cluster %s: no state reports for it until the agent restarts", cluster);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running.forEach(ClusterStateReporter::close);
    }
}
