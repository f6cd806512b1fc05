package io.meshfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.MirrorRelease;
import io.meshfleet.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** The processing rules every consumer follows, without a broker: what is handled, retried, dead-lettered. */
class InboundEnvelopesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T01:00:00Z"), ZoneOffset.UTC);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(4096);

    private final RecordingEmitter dlq = new RecordingEmitter();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(CLOCK.instant());
    private final InboundEnvelopes inbound = new InboundEnvelopes(CODEC,
            new DeadLetters(dlq, meters, CLOCK, "test-service"), new InMemoryProcessedMessages(10), Runnable::run,
            meters, clock, 3, Duration.ZERO, Duration.ofMinutes(1), Duration.ofSeconds(5));
    private final List<Envelope> handled = new ArrayList<>();
    private long offset;

    @Test
    void aGoodRecordIsHandledOnceAndItsDuplicateDeadLettered() {
        byte[] good = CODEC.encode(mirror());

        inbound.process("commands", record(good), handled::add);
        inbound.process("commands", record(good), handled::add);

        assertThat(handled).hasSize(1);
        assertThat(dlq.reasons()).containsExactly("DUPLICATE");
        assertThat(header(dlq.sent.get(0), DeadLetter.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(dlq.sent.get(0), DeadLetter.SERVICE)).isEqualTo("test-service");
        assertThat(header(dlq.sent.get(0), DeadLetter.CONSUMER)).isEqualTo("commands");
        assertThat(dlq.topics()).containsExactly(Topics.deadLetter(Topics.ARTIFACT_COMMANDS));
    }

    @Test
    void withoutDedupeEveryDeliveryReachesTheHandler() {
        byte[] good = CODEC.encode(mirror());

        inbound.process("commands", record(good), InboundEnvelopes.Dedupe.NONE, handled::add);
        inbound.process("commands", record(good), InboundEnvelopes.Dedupe.NONE, handled::add);

        assertThat(handled).hasSize(2);
        assertThat(dlq.sent).isEmpty();
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheirReasonAndValueUnchanged() {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[5000];

        inbound.process("commands", record(garbage), handled::add);
        inbound.process("commands", record(huge), handled::add);
        inbound.process("commands", record(null), handled::add);

        assertThat(handled).isEmpty();
        assertThat(dlq.reasons()).containsExactly("MALFORMED_JSON", "OVERSIZED", "MALFORMED_JSON");
        assertThat(dlq.sent.get(0).getPayload()).isEqualTo(garbage);
        assertThat(dlq.sent.get(2).getPayload()).isEmpty();
        assertThat(meters.counter("meshfleet.messages.dead.letters", "consumer", "commands", "reason", "OVERSIZED")
                .count()).isEqualTo(1);
    }

    @Test
    void aRefusalIsDeadLetteredAtOnceWithoutRetries() {
        AtomicInteger calls = new AtomicInteger();

        inbound.process("commands", record(CODEC.encode(mirror())), envelope -> {
            calls.incrementAndGet();
            throw new DeadLetterException(DeadLetter.Reason.MISADDRESSED, "for another cluster");
        });

        assertThat(calls).hasValue(1);
        assertThat(dlq.reasons()).containsExactly("MISADDRESSED");
        assertThat(header(dlq.sent.get(0), DeadLetter.DETAIL)).isEqualTo("for another cluster");
    }

    @Test
    void aTransientFailureIsRetriedAndTheMessageThenCountsAsProcessed() {
        AtomicInteger calls = new AtomicInteger();
        byte[] good = CODEC.encode(mirror());

        inbound.process("commands", record(good), envelope -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("database restarting");
            }
            handled.add(envelope);
        });
        inbound.process("commands", record(good), handled::add);

        assertThat(calls).hasValue(3);
        assertThat(handled).hasSize(1);
        assertThat(dlq.reasons()).containsExactly("DUPLICATE");
    }

    @Test
    void aPersistentFailureIsDeadLetteredAfterTheLastAttemptAndNotRememberedAsProcessed() {
        AtomicInteger calls = new AtomicInteger();
        byte[] good = CODEC.encode(mirror());

        inbound.process("commands", record(good), envelope -> {
            calls.incrementAndGet();
            throw new java.io.IOException("disk full");
        });

        assertThat(calls).hasValue(3);
        assertThat(dlq.reasons()).containsExactly("PROCESSING_FAILED");
        assertThat(header(dlq.sent.get(0), DeadLetter.DETAIL)).contains("3 attempts", "disk full");
        inbound.process("commands", record(good), handled::add);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aDatabaseOutageIsWaitedOutWithoutCountingAgainstMaxAttempts() {
        AtomicInteger calls = new AtomicInteger();
        byte[] good = CODEC.encode(mirror());

        inbound.process("commands", record(good), envelope -> {
            if (calls.incrementAndGet() <= 10) {
                clock.advance(Duration.ofSeconds(5));
                throw refused();
            }
            handled.add(envelope);
        });
        inbound.process("commands", record(good), handled::add);

        assertThat(calls).hasValue(11);
        assertThat(handled).hasSize(1);
        assertThat(dlq.reasons()).as("only the later redelivery, as a duplicate").containsExactly("DUPLICATE");
        assertThat(meters.counter(InboundEnvelopes.TRANSIENT_RETRIES, "consumer", "commands").count()).isEqualTo(10);
    }

    @Test
    void anOutageLongerThanTheBudgetIsDeadLetteredSayingHowLongTheDatabaseWasAway() {
        AtomicInteger calls = new AtomicInteger();
        byte[] good = CODEC.encode(mirror());

        inbound.process("commands", record(good), envelope -> {
            calls.incrementAndGet();
            clock.advance(Duration.ofSeconds(20));
            throw new IllegalStateException("cannot write processed_message: I/O error", new PSQLException(
                    "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE));
        });

        // unavailable since the first failure (t=20 s): retried at 40 and 60 s, given up at 80 s (60 s >= 1 min)
        assertThat(calls).hasValue(4);
        assertThat(dlq.reasons()).containsExactly("PROCESSING_FAILED");
        assertThat(header(dlq.sent.get(0), DeadLetter.DETAIL)).contains("the database was unavailable for 60.0 s",
                "4 attempts", "transient-retry-for PT1M", "PSQLException [08006]");
        assertThat(meters.counter(InboundEnvelopes.TRANSIENT_RETRIES, "consumer", "commands").count()).isEqualTo(3);
        inbound.process("commands", record(good), handled::add);
        assertThat(handled).as("not remembered as processed").hasSize(1);
    }

    @Test
    void transientAndOrdinaryFailuresAreCountedApart() {
        AtomicInteger calls = new AtomicInteger();

        inbound.process("commands", record(CODEC.encode(mirror())), envelope -> {
            int call = calls.incrementAndGet();
            if (call == 1 || call == 6) {
                throw new IllegalStateException("a bug that went away");
            }
            if (call < 9) {
                throw refused();
            }
            handled.add(envelope);
        });

        assertThat(calls).hasValue(9);
        assertThat(handled).hasSize(1);
        assertThat(dlq.sent).isEmpty();
    }

    @Test
    void anOrdinaryFailureAfterAnOutageStillEndsAfterMaxAttempts() {
        AtomicInteger calls = new AtomicInteger();

        inbound.process("commands", record(CODEC.encode(mirror())), envelope -> {
            if (calls.incrementAndGet() <= 4) {
                throw refused();
            }
            throw new SQLException("ERROR: duplicate key value violates unique constraint", "23505");
        });

        assertThat(calls).hasValue(4 + 3);
        assertThat(dlq.reasons()).containsExactly("PROCESSING_FAILED");
        assertThat(header(dlq.sent.get(0), DeadLetter.DETAIL)).contains("3 attempts", "duplicate key");
    }

    @Test
    void transientBackoffDoublesUpToItsCap() {
        InboundEnvelopes paced = new InboundEnvelopes(CODEC, new DeadLetters(dlq, meters, CLOCK, "test-service"),
                new InMemoryProcessedMessages(10), Runnable::run, meters, clock, 3, Duration.ofMillis(200),
                Duration.ofMinutes(2), Duration.ofSeconds(5));

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40, 1000).stream().map(paced::transientBackoff).toList())
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                        Duration.ofMillis(1600), Duration.ofMillis(3200), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static PSQLException refused() {
        return new PSQLException("Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct "
                + "and that the postmaster is accepting TCP/IP connections.", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
    }

    @Test
    void aMessageOfAnotherTypeIsUnexpected() {
        inbound.process("state", record(CODEC.encode(mirror())),
                envelope -> InboundEnvelopes.dataAs(envelope, io.meshfleet.events.ClusterState.class));

        assertThat(dlq.reasons()).containsExactly("UNEXPECTED_TYPE");
        assertThat(header(dlq.sent.get(0), DeadLetter.DETAIL)).contains("meshfleet.MirrorRelease", "ClusterState");
    }

    private static Envelope mirror() {
        return Envelope.of("test", new MirrorRelease("1.5.10-asm.2", List.of("linux"), "/srv/r"), CLOCK);
    }

    private ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.ARTIFACT_COMMANDS, 0, offset++, "1.5.10-asm.2", value);
    }

    private static String header(Message<byte[]> message, String name) {
        var metadata = message.getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        Header header = metadata.getHeaders().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A clock the test moves forward (the outage budget is measured on it). */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    /** An emitter that acknowledges every message at once and keeps it. */
    private static final class RecordingEmitter implements Emitter<byte[]> {
        final List<Message<byte[]>> sent = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(byte[] payload) {
            throw new UnsupportedOperationException("dead letters are sent with metadata");
        }

        @Override
        public <M extends Message<? extends byte[]>> void send(M message) {
            @SuppressWarnings("unchecked")
            Message<byte[]> kept = (Message<byte[]>) message;
            sent.add(kept);
            message.ack();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }

        List<String> reasons() {
            return sent.stream().map(m -> header(m, DeadLetter.REASON)).toList();
        }

        List<String> topics() {
            return sent.stream().map(m -> m.getMetadata(
                    io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class).orElseThrow().getTopic())
                    .toList();
        }
    }
}
