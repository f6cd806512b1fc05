package io.meshfleet.agent.messaging;

import io.meshfleet.agent.AgentConfig;
import io.meshfleet.events.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;

/**
 * The agent's per-cluster counters, registered at zero for every served cluster when the agent starts, so that the
 * dashboard and the alerts read 0 (not "no data") before the first command or report:
 * {@code meshfleet_agent_commands_total{cluster,outcome}} (outcome {@code accepted} or a {@link RefusalReason})
 * and {@code meshfleet_agent_state_reports_total{cluster}}.
 */
@ApplicationScoped
public class AgentMeters {

    /** Commands judged, by outcome. */
    public static final String COMMANDS = "meshfleet.agent.commands";
    /** State reports sent. */
    public static final String STATE_REPORTS = "meshfleet.agent.state.reports";
    /** The outcome of an accepted command; refusals are named by their reason. */
    public static final String ACCEPTED = "accepted";

    void register(@Observes StartupEvent event, AgentConfig config, MeterRegistry meters) {
        register(meters, config.clusters());
    }

    /** Registers every counter of every cluster (idempotent: existing counters keep their counts). */
    public static void register(MeterRegistry meters, Collection<String> clusters) {
        for (String cluster : clusters) {
            command(meters, cluster, ACCEPTED);
            for (RefusalReason reason : RefusalReason.values()) {
                command(meters, cluster, reason.name());
            }
            stateReports(meters, cluster);
        }
    }

    /** The counter of commands for {@code cluster} with {@code outcome}. */
    public static Counter command(MeterRegistry meters, String cluster, String outcome) {
        return meters.counter(COMMANDS, "cluster", cluster, "outcome", outcome);
    }

    /** The counter of state reports sent for {@code cluster}. */
    public static Counter stateReports(MeterRegistry meters, String cluster) {
        return meters.counter(STATE_REPORTS, "cluster", cluster);
    }
}
