package io.meshfleet.system.scale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Records per topic, as the sum of the end offsets of its partitions (every topic of the broker except Kafka's own):
 * the difference of two readings is what was written in between.
 */
final class TopicCounts implements AutoCloseable {

    private final Admin admin;

    TopicCounts(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(properties);
    }

    /** The end offsets summed per topic, topics by name. */
    Map<String, Long> read() {
        try {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> !name.startsWith("__")).sorted().toList();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> counts = new java.util.TreeMap<>(offsets.entrySet().stream().collect(Collectors.groupingBy(
                    e -> e.getKey().topic(), Collectors.summingLong(e -> e.getValue().offset()))));
            return counts;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the topics' end offsets: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        }
    }

    /** {@code after - before} per topic, topics with no new record left out. */
    static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> written = new LinkedHashMap<>();
        after.forEach((topic, end) -> {
            long delta = end - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                written.put(topic, delta);
            }
        });
        return written;
    }

    @Override
    public void close() {
        admin.close();
    }
}
