package io.meshfleet.agent.messaging;

import io.meshfleet.stack.KafkaBroker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How much of {@code fleet.agent.commands} one agent reads, on the real embedded broker: a fleet's worth of
 * commands (C clusters x K commands of 1 KiB, keyed by cluster id like the orchestrator's) is produced once; then a
 * consumer that subscribes to the topic (the agent without {@code meshfleet.agent.command-partitions}) and one
 * that is assigned its cluster's partitions ({@link CommandPartitions}) each read to the end. Prints records and
 * bytes read per agent. Asserts nothing; run with
 * {@code ./mvnw -pl cluster-agent -Pbench test [-Dbench.clusters=1000 -Dbench.partitions=48 -Dbench.commands=5]}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CommandPartitionsBench {

    @Test
    void recordsReadPerAgent() throws Exception {
        int clusters = Integer.getInteger("bench.clusters", 1000);
        int partitions = Integer.getInteger("bench.partitions", 48);
        int commands = Integer.getInteger("bench.commands", 5);
        List<String> names = IntStream.rangeClosed(1, clusters).mapToObj(i -> String.format("user-%04d", i)).toList();
        try (KafkaBroker broker = KafkaBroker.builder().partitions(partitions).build()) {
            broker.start();
            String topic = "fleet.agent.commands";
            // The topic is auto-created with the broker's partition count, as in the ITs.
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            byte[] payload = new byte[1024];
            long produceStart = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new ByteArraySerializer())) {
                if (producer.partitionsFor(topic).size() != partitions) { // creates the topic, waits for its metadata
                    throw new IllegalStateException("the topic does not have " + partitions + " partitions");
                }
                java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
                for (int k = 0; k < commands; k++) {
                    for (String name : names) {
                        producer.send(new ProducerRecord<>(topic, name, payload), (metadata, error) -> {
                            if (error != null && failed.incrementAndGet() == 1) {
                                System.out.println("first failed send: " + error);
                            }
                        });
                    }
                }
                producer.flush();
                System.out.printf("produced %d commands (%d failed) for %d clusters into %d partitions in %d ms%n",
                        clusters * commands, failed.get(), clusters, partitions,
                        (System.nanoTime() - produceStart) / 1_000_000);
            }

            String agent = names.get(0);
            Set<TopicPartition> all = new HashSet<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            Set<TopicPartition> own = Set.of(new TopicPartition(topic, CommandPartitions.of(agent, partitions)));
            report("subscribed to the topic (every partition)", broker, all, agent);
            report("assigned its cluster's partition", broker, own, agent);
            int[] perPartition = new int[partitions];
            names.forEach(n -> perPartition[CommandPartitions.of(n, partitions)]++);
            IntSummaryStatisticsPrinter.print(perPartition);
        }
    }

    private static void report(String mode, KafkaBroker broker, Set<TopicPartition> partitions, String agent) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long start = System.nanoTime();
        long records = 0;
        long bytes = 0;
        long mine = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(java.time.Duration.ofMillis(500))) {
                    records++;
                    bytes += record.serializedKeySize() + record.serializedValueSize();
                    mine += agent.equals(record.key()) ? 1 : 0;
                }
            }
        }
        System.out.printf("agent of %s, %-42s: read %7d records, %8.1f KiB, %d of them its own, in %d ms%n", agent,
                mode, records, bytes / 1024.0, mine, (System.nanoTime() - start) / 1_000_000);
    }

    /** Clusters per partition: how evenly the default partitioner spreads cluster ids. */
    private static final class IntSummaryStatisticsPrinter {
        static void print(int[] perPartition) {
            var stats = java.util.Arrays.stream(perPartition).summaryStatistics();
            List<Integer> sorted = new ArrayList<>();
            for (int n : perPartition) {
                sorted.add(n);
            }
            System.out.printf("clusters per partition: min %d, mean %.1f, max %d%n", stats.getMin(), stats.getAverage(),
                    stats.getMax());
        }
    }
}
