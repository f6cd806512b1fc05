package io.meshfleet.fleetctl.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads dead-letter topics from their beginning up to the end offsets they had when reading started, with a
 * throwaway consumer: no group, no committed offsets, nothing created on the broker.
 */
public final class DeadLetterReader {

    /** How long Kafka has to answer the first request, and every metadata or offset request after it. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one poll waits for records. */
    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    /** Consecutive polls without any partition advancing after which reading gives up (30 s at 500 ms). */
    static final int MAX_IDLE_POLLS = 60;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final String CHECK_SERVERS = "check --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS";

    private final String bootstrapServers;

    /** A reader of the Kafka cluster at {@code bootstrapServers}. */
    public DeadLetterReader(String bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers is required");
    }

    /**
     * Hands every record of the existing {@code topics} to {@code sink}, partition by partition in offset order, and
     * returns once each partition reached the end offset it had at the start. Topics that do not exist are skipped.
     *
     * @return how many records were read
     * @throws KafkaUnavailableException when Kafka cannot be reached within {@link #CONNECT_TIMEOUT} or stops
     *     answering while reading
     * @throws KafkaException when Kafka refuses a request (e.g. authorization)
     */
    public long read(List<String> topics, Consumer<DeadLetterRecord> sink) throws KafkaUnavailableException {
        KafkaConsumer<byte[], byte[]> consumer = newConsumer();
        try {
            return read(consumer, topics, sink);
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    private long read(KafkaConsumer<byte[], byte[]> consumer, List<String> topics, Consumer<DeadLetterRecord> sink)
            throws KafkaUnavailableException {
        Map<String, List<PartitionInfo>> existing;
        try {
            existing = consumer.listTopics(CONNECT_TIMEOUT);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("cannot reach Kafka at " + bootstrapServers + " within "
                    + CONNECT_TIMEOUT.toSeconds() + "s: " + CHECK_SERVERS, e);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : new LinkedHashSet<>(topics)) {
            for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        if (partitions.isEmpty()) {
            return 0;
        }
        try {
            return readToEnd(consumer, partitions, sink);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " did not answer within "
                    + CONNECT_TIMEOUT.toSeconds() + "s while reading dead letters: check the broker and retry", e);
        }
    }

    private long readToEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
            Consumer<DeadLetterRecord> sink) throws KafkaUnavailableException {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, CONNECT_TIMEOUT);
        Map<TopicPartition, Long> positions = new HashMap<>();
        Set<TopicPartition> remaining = new LinkedHashSet<>();
        List<TopicPartition> finished = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            long position = consumer.position(partition, CONNECT_TIMEOUT);
            positions.put(partition, position);
            if (position < endOffsets.getOrDefault(partition, 0L)) {
                remaining.add(partition);
            } else {
                finished.add(partition);
            }
        }
        consumer.pause(finished);
        long read = 0;
        int idlePolls = 0;
        while (!remaining.isEmpty()) {
            boolean progressed = false;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (remaining.contains(partition) && record.offset() < endOffsets.get(partition)) {
                    sink.accept(toDeadLetter(record));
                    read++;
                }
            }
            finished.clear();
            for (TopicPartition partition : remaining) {
                long position = consumer.position(partition, CONNECT_TIMEOUT);
                if (position != positions.put(partition, position)) {
                    progressed = true;
                }
                if (position >= endOffsets.get(partition)) {
                    finished.add(partition);
                }
            }
            remaining.removeAll(finished);
            consumer.pause(finished);
            idlePolls = progressed ? 0 : idlePolls + 1;
            if (idlePolls >= MAX_IDLE_POLLS) {
                throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " stopped answering while reading "
                        + remaining + ": check the broker and retry", null);
            }
        }
        return read;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() throws KafkaUnavailableException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fleetctl-dead-letters");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try {
            return new KafkaConsumer<>(props);
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("cannot reach Kafka at " + bootstrapServers + ": " + rootMessage(e)
                    + ": " + CHECK_SERVERS, e);
        }
    }

    static DeadLetterRecord toDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        List<DeadLetterRecord.Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new DeadLetterRecord.Header(header.key(), header.value()));
        }
        Instant timestamp = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
        return new DeadLetterRecord(record.topic(), record.partition(), record.offset(), timestamp, headers,
                record.key(), record.value());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
