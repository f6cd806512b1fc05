package io.meshfleet.stack.quarkus;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers alternative to the embedded servers; loaded only when {@link StackMode} selects it. */
final class ContainerStack {

    /** The image of the Kafka version the embedded broker runs. */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    /** PostgreSQL of the same major version as the embedded binaries. */
    static final String POSTGRES_IMAGE = "postgres:14-alpine";

    private ContainerStack() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts Kafka; the address is the bootstrap servers. */
    static Running startKafka() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        kafka.start();
        return new Running(kafka, kafka.getBootstrapServers(), null, null);
    }

    /** Starts PostgreSQL with the given database; the address is its JDBC URL. */
    static Running startPostgres(String database) {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(database)
                .withUsername("postgres")
                .withPassword("postgres");
        postgres.start();
        return new Running(postgres, postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    /** A started container, typed only with JDK classes so that callers never link Testcontainers themselves. */
    record Running(AutoCloseable container, String address, String username, String password) {
    }
}
