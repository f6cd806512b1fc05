package io.meshfleet.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every served cluster has its command and state-report counters at zero from the start; counts are kept. */
class AgentMetersTest {

    @Test
    void everyOutcomeOfEveryServedClusterIsRegisteredAtZero() {
        MeterRegistry meters = new SimpleMeterRegistry();
        AgentMeters.command(meters, "edge-a", "REPLAYED").increment();

        AgentMeters.register(meters, List.of("edge-a", "edge-b"));

        for (String cluster : List.of("edge-a", "edge-b")) {
            assertThat(count(meters, AgentMeters.COMMANDS, cluster, "accepted")).isZero();
            for (RefusalReason reason : RefusalReason.values()) {
                assertThat(count(meters, AgentMeters.COMMANDS, cluster, reason.name())).as(cluster + " " + reason)
                        .isEqualTo(cluster.equals("edge-a") && reason == RefusalReason.REPLAYED ? 1 : 0);
            }
            Counter reports = meters.find(AgentMeters.STATE_REPORTS).tag("cluster", cluster).counter();
            assertThat(reports).isNotNull();
            assertThat(reports.count()).isZero();
        }
        assertThat(meters.find(AgentMeters.COMMANDS).counters()).hasSize(2 * (RefusalReason.values().length + 1));
    }

    private static double count(MeterRegistry meters, String name, String cluster, String outcome) {
        Counter counter = meters.find(name).tag("cluster", cluster).tag("outcome", outcome).counter();
        assertThat(counter).as(name + " " + cluster + " " + outcome).isNotNull();
        return counter.count();
    }
}
