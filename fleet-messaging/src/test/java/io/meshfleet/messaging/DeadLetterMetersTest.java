package io.meshfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every consumer's dead-letter counters exist at zero from the start, for every reason, and keep their counts. */
class DeadLetterMetersTest {

    @Test
    void theConsumersAreTheIncomingChannelsOfTheConfiguration() {
        assertThat(DeadLetterMeters.consumers(List.of("mp.messaging.incoming.cluster-state.connector",
                "mp.messaging.incoming.cluster-state.topic", "mp.messaging.incoming.agent-events.connector",
                "mp.messaging.outgoing.commands-out.connector", "kafka.bootstrap.servers")))
                .containsExactly("agent-events", "cluster-state");
    }

    @Test
    void everyConsumerAndReasonIsRegisteredAtZeroAndExistingCountsStay() {
        MeterRegistry meters = new SimpleMeterRegistry();
        meters.counter(DeadLetterMeters.NAME, "consumer", "agent-events", "reason", "DUPLICATE").increment(3);

        DeadLetterMeters.register(meters, List.of("agent-events", "cluster-state"));

        for (String consumer : List.of("agent-events", "cluster-state")) {
            for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
                Counter counter = meters.find(DeadLetterMeters.NAME).tag("consumer", consumer)
                        .tag("reason", reason.name()).counter();
                assertThat(counter).as(consumer + " " + reason).isNotNull();
                assertThat(counter.count()).isEqualTo(consumer.equals("agent-events") && reason.name().equals("DUPLICATE")
                        ? 3 : 0);
            }
        }
        assertThat(meters.find(DeadLetterMeters.NAME).counters())
                .hasSize(2 * DeadLetter.Reason.values().length);
    }

    @Test
    void everyConsumersTransientRetryCounterIsRegisteredAtZero() {
        MeterRegistry meters = new SimpleMeterRegistry();
        meters.counter(InboundEnvelopes.TRANSIENT_RETRIES, "consumer", "agent-events").increment(2);

        DeadLetterMeters.register(meters, List.of("agent-events", "cluster-state"));

        assertThat(meters.find(InboundEnvelopes.TRANSIENT_RETRIES).counters()).hasSize(2);
        assertThat(meters.find(InboundEnvelopes.TRANSIENT_RETRIES).tag("consumer", "cluster-state").counter().count())
                .isZero();
        assertThat(meters.find(InboundEnvelopes.TRANSIENT_RETRIES).tag("consumer", "agent-events").counter().count())
                .isEqualTo(2);
    }
}
