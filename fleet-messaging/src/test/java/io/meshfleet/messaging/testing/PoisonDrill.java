package io.meshfleet.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.messaging.testing.PoisonRecords.Poison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes a set of poison records to a consumer's topic through the real broker, then checks that
 * each one reached the dead-letter topic with its reason and that the consumer counted it.
 */
public final class PoisonDrill {

    private final Map<Poison, RecordMetadata> sent;

    private PoisonDrill(Map<Poison, RecordMetadata> sent) {
        this.sent = sent;
    }

    /** Sends every poison with the same key, so they share a partition with the good record sent after them. */
    public static PoisonDrill send(String topic, String key, List<Poison> poisons) {
        Map<Poison, RecordMetadata> sent = new LinkedHashMap<>();
        for (Poison poison : poisons) {
            sent.put(poison, TestKafka.publish(topic, key, poison.value()));
        }
        return new PoisonDrill(sent);
    }

    /** Checks each poison's dead letter, and that {@code metrics} (a /q/metrics scrape) counted each reason. */
    public void assertDeadLettered(String service, String consumer, String metrics) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Poison, RecordMetadata> entry : sent.entrySet()) {
            DeadLetterCheck.assertDeadLettered(entry.getValue(), entry.getKey().value(),
                    entry.getKey().expected(), service);
            if (!metrics.contains(counter(consumer, entry.getKey().expected()))) {
                missing.add(counter(consumer, entry.getKey().expected()));
            }
        }
        assertThat(missing).as("dead-letter counters in /q/metrics").isEmpty();
    }

    /** The Prometheus series of the dead-letter counter, as Micrometer exports it. */
    public static String counter(String consumer, DeadLetter.Reason reason) {
        return "meshfleet_messages_dead_letters_total{consumer=\"" + consumer + "\",reason=\"" + reason.name() + "\"}";
    }
}
