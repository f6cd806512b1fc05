package io.meshfleet.stack.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.meshfleet.stack.KafkaClients;
import io.meshfleet.stack.Timing;
import org.junit.jupiter.api.Test;

/** The Quarkus test resources, driven the way Quarkus drives them: init, start, use the returned config, stop. */
class TestResourcesIT {

    @Test
    void kafkaResourceReturnsTheConnectorBootstrapPropertyAndExposesTheBroker() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        resource.init(Map.of(KafkaTestResource.ARG_PARTITIONS, "2"));
        Map<String, String> config = resource.start();
        try {
            Timing.print("KafkaTestResource.start()", KafkaTestResource.broker().lastStartDuration());
            assertThat(config).containsOnlyKeys("kafka.bootstrap.servers");
            String bootstrap = config.get("kafka.bootstrap.servers");
            assertThat(bootstrap).isEqualTo(KafkaTestResource.broker().bootstrapServers())
                    .isEqualTo(KafkaTestResource.bootstrapServers());

            KafkaClients.produce(bootstrap, "it-resource", "k", "via-test-resource");
            KafkaTestResource.broker().restart();
            assertThat(KafkaClients.consumeAssigned(bootstrap, "it-resource", List.of("via-test-resource"),
                    Duration.ofSeconds(60))).contains("via-test-resource");
        } finally {
            resource.stop();
        }
        assertThatThrownBy(KafkaTestResource::broker).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void postgresResourceReturnsTheDatasourcePropertiesOfAFreshDatabase() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        try {
            Timing.print("PostgresTestResource.start()", PostgresTestResource.server().lastStartDuration());
            assertThat(config).containsOnlyKeys("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password");
            assertThat(config.get("quarkus.datasource.jdbc.url"))
                    .startsWith("jdbc:postgresql://127.0.0.1:" + PostgresTestResource.server().port() + "/meshfleet_test_")
                    .isEqualTo(PostgresTestResource.jdbcUrl());
            try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_database(), current_user")) {
                assertThat(rows.next()).isTrue();
                assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/" + rows.getString(1));
                assertThat(rows.getString(2)).isEqualTo("postgres");
            }
        } finally {
            resource.stop();
        }
        assertThatThrownBy(PostgresTestResource::server).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void testcontainersAreNotUsedUnlessAskedFor() {
        assertThat(StackMode.useTestcontainers()).isFalse();
    }
}
