package io.meshfleet.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/** Finds the dead letter of a record that was sent, by its source partition and offset, and checks it. */
public final class DeadLetterCheck {

    private DeadLetterCheck() {
    }

    /**
     * Waits for the dead letter of {@code sent} on its topic's dead-letter topic and checks its
     * headers (reason, source coordinates, service) and that its value is the original one.
     */
    public static ConsumerRecord<String, byte[]> assertDeadLettered(RecordMetadata sent, byte[] originalValue,
            DeadLetter.Reason reason, String service) {
        List<ConsumerRecord<String, byte[]>> read = TestKafka.probe().readUntil(Topics.deadLetter(sent.topic()),
                record -> String.valueOf(sent.partition()).equals(header(record, DeadLetter.SOURCE_PARTITION))
                        && String.valueOf(sent.offset()).equals(header(record, DeadLetter.SOURCE_OFFSET)),
                Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> letter = read.get(read.size() - 1);
        assertThat(header(letter, DeadLetter.REASON)).as("reason of %s@%d", sent.topic(), sent.offset())
                .isEqualTo(reason.name());
        assertThat(header(letter, DeadLetter.SOURCE_TOPIC)).isEqualTo(sent.topic());
        assertThat(header(letter, DeadLetter.SERVICE)).isEqualTo(service);
        assertThat(header(letter, DeadLetter.DETAIL)).isNotBlank();
        assertThat(header(letter, DeadLetter.TIME)).isNotBlank();
        assertThat(letter.value()).isEqualTo(originalValue);
        return letter;
    }

    /** The UTF-8 value of the last header named {@code name}, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
