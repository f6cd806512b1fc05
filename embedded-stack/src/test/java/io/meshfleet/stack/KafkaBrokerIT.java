package io.meshfleet.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Kafka broker: round trip, graceful restart, SIGKILL and restart, reopening its data directory. */
class KafkaBrokerIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.builder().dataDirectory(temp.resolve("kafka")).partitions(3).build();
        broker.start();
        Timing.print("Kafka first start (format + start)", broker.lastStartDuration());
    }

    @AfterAll
    static void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void producesWithAcksAllAndConsumesThroughTheRealBroker() throws Exception {
        RecordMetadata metadata = KafkaClients.produce(broker.bootstrapServers(), "it-roundtrip", "k1", "hello-kafka");

        assertThat(metadata.hasOffset()).isTrue();
        assertThat(KafkaClients.consumeWithGroup(broker.bootstrapServers(), "it-roundtrip", List.of("hello-kafka"),
                READ_TIMEOUT)).contains("hello-kafka");
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        assertThat(broker.isRunning()).isTrue();
        assertThat(Files.readString(broker.logFile())).contains("Kafka Server started");
    }

    @Test
    void anAcknowledgedRecordSurvivesAGracefulRestart() throws Exception {
        String address = broker.bootstrapServers();
        long pid = broker.pid();
        try (KafkaProducer<String, String> producer = KafkaClients.producer(address)) {
            KafkaClients.sendAcknowledged(producer, "it-restart", "k", "before-restart");

            broker.restart();
            Timing.print("Kafka restart after stop()", broker.lastStartDuration());

            assertThat(broker.bootstrapServers()).isEqualTo(address);
            assertThat(broker.pid()).isNotEqualTo(pid);
            // The producer created before the restart reconnects on its own, as a service's would.
            KafkaClients.sendAcknowledged(producer, "it-restart", "k", "after-restart-old-producer");
        }
        KafkaClients.produce(address, "it-restart", "k", "after-restart-new-producer");

        assertThat(KafkaClients.consumeAssigned(address, "it-restart",
                List.of("before-restart", "after-restart-old-producer", "after-restart-new-producer"), READ_TIMEOUT))
                .contains("before-restart", "after-restart-old-producer", "after-restart-new-producer");
    }

    @Test
    void anAcknowledgedRecordSurvivesKillAndRestart() throws Exception {
        String address = broker.bootstrapServers();
        KafkaClients.produce(address, "it-kill", "k", "before-kill");

        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();
        Timing.print("Kafka restart after kill()", broker.lastStartDuration());

        assertThat(broker.bootstrapServers()).isEqualTo(address);
        KafkaClients.produce(address, "it-kill", "k", "after-kill");
        assertThat(KafkaClients.consumeWithGroup(address, "it-kill", List.of("before-kill", "after-kill"), READ_TIMEOUT))
                .contains("before-kill", "after-kill");
    }

    @Test
    void aNewInstanceOnTheSameDirectoryKeepsTheAddressAndTheRecords() throws Exception {
        Path directory = temp.resolve("reopened");
        String address;
        try (KafkaBroker first = new KafkaBroker(directory)) {
            first.start();
            address = first.bootstrapServers();
            KafkaClients.produce(address, "it-reopen", "k", "first-instance");
        }
        try (KafkaBroker second = new KafkaBroker(directory)) {
            second.start();
            Timing.print("Kafka start of a new instance on existing data", second.lastStartDuration());
            assertThat(second.bootstrapServers()).isEqualTo(address);
            assertThat(KafkaClients.consumeAssigned(address, "it-reopen", List.of("first-instance"), READ_TIMEOUT))
                    .contains("first-instance");
        }
        assertThat(directory.resolve("kafka-logs")).isDirectory();
    }

    @Test
    void aBrokerThatCannotStartFailsWithTheEndOfItsLog() {
        try (KafkaBroker broken = KafkaBroker.builder()
                .dataDirectory(temp.resolve("broken"))
                .brokerProperty("num.network.threads", "not-a-number")
                .startTimeout(Duration.ofSeconds(30))
                .build()) {
            assertThatThrownBy(broken::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("--- last lines of")
                    .hasMessageContaining("num.network.threads");
            assertThat(broken.isRunning()).isFalse();
        }
    }

    @Test
    void aTemporaryBrokerDeletesItsDirectoryOnClose() {
        KafkaBroker temporary = KafkaBroker.builder().build();
        Path directory = temporary.dataDirectory();
        assertThat(directory).isDirectory();
        temporary.close();
        assertThat(directory).doesNotExist();
        assertThatThrownBy(temporary::start).isInstanceOf(IllegalStateException.class);
    }
}
