package io.meshfleet.roller.messaging;

import io.meshfleet.events.AbortRoll;
import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.Message;
import io.meshfleet.events.PauseRoll;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.messaging.DeadLetterException;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.roller.engine.RollEngine;
import io.meshfleet.roller.store.RollStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code RollSidecars}, {@code PauseRoll} and {@code AbortRoll} and records each as a request in
 * the transaction that marks it processed; the engine applies it before its next restart decision.
 */
@ApplicationScoped
public class RollCommandConsumer {

    static final String CHANNEL = "roller-commands";

    private final InboundEnvelopes inbound;
    private final RollStore store;
    private final RollEngine engine;
    private final Clock clock;

    RollCommandConsumer(InboundEnvelopes inbound, RollStore store, RollEngine engine, Clock clock) {
        this.inbound = inbound;
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    // Blocking: the request is written in a database transaction.
    @Incoming(CHANNEL)
    @Blocking
    public void onCommand(ConsumerRecord<String, byte[]> record) {
        inbound.process(CHANNEL, record, this::request);
        engine.pass();
    }

    private void request(Envelope envelope) {
        Message data = envelope.data();
        if (data instanceof RollSidecars roll) {
            store.request("ROLL", roll.planId(), roll.clusterId(), envelope, clock.instant());
        } else if (data instanceof PauseRoll pause) {
            store.request("PAUSE", pause.planId(), pause.clusterId(), envelope, clock.instant());
        } else if (data instanceof AbortRoll abort) {
            store.request("ABORT", abort.planId(), abort.clusterId(), envelope, clock.instant());
        } else {
            throw new DeadLetterException(DeadLetter.Reason.UNEXPECTED_TYPE, envelope.type()
                    + " is not taken from this topic by this consumer (expects RollSidecars, PauseRoll or AbortRoll)");
        }
    }
}
