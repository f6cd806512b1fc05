package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.events.Topics;
import io.meshfleet.stack.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kafka/create-topics.sh run with the standard Kafka CLI (TopicCommand, what kafka-topics.sh runs) against a
 * real broker creates every topic of topics.tsv with its settings, and leaves a topic that already exists alone.
 */
class CreateTopicsIT {

    @TempDir
    static Path work;

    private static KafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.builder().dataDirectory(work.resolve("kafka")).build();
        broker.start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        admin = Admin.create(props);
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsEveryTopicWithItsSettingsAndCompletesAPartialSetup() throws Exception {
        // An operator created one topic by hand before: the script must keep it as it is.
        admin.createTopics(List.of(new NewTopic(Topics.ROLLER_EVENTS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);

        Path log = work.resolve("create-topics.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("bash", DeployTree.root().resolve("kafka/create-topics.sh").toString(),
                "--bootstrap-server", broker.bootstrapServers(), "--replicas", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_TOPICS",
                java + " -cp " + System.getProperty("java.class.path") + " org.apache.kafka.tools.TopicCommand");
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("create-topics.sh finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();

        List<String> names = new ArrayList<>();
        for (TopicsDataTest.TopicRow row : TopicsDataTest.rows()) {
            names.add(row.topic());
            names.add(Topics.deadLetter(row.topic()));
        }
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources(names)).all().get(30, TimeUnit.SECONDS);

        for (TopicsDataTest.TopicRow row : TopicsDataTest.rows()) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, row.topic()));
            Config deadLetters = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.deadLetter(row.topic())));
            if (row.topic().equals(Topics.ROLLER_EVENTS)) {
                assertThat(described.get(row.topic()).partitions()).as("the existing topic is left alone").hasSize(1);
                assertThat(config.get("retention.ms").isDefault()).isTrue();
            } else {
                assertThat(described.get(row.topic()).partitions()).as(row.topic()).hasSize(row.partitions());
                assertThat(config.get("cleanup.policy").value()).as(row.topic()).isEqualTo(row.cleanupPolicy());
                assertThat(config.get("retention.ms").value()).as(row.topic()).isEqualTo(row.retentionMs());
                assertThat(config.get("min.insync.replicas").value()).as("lowered to the one replica").isEqualTo("1");
            }
            assertThat(described.get(Topics.deadLetter(row.topic())).partitions()).hasSize(row.partitions());
            assertThat(deadLetters.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(deadLetters.get("retention.ms").value()).isEqualTo("2592000000");
        }
        Set<String> all = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(all).containsAll(names);
        assertThat(output).contains("topic fleet.cluster.state: 32 partitions, 1 replicas, cleanup.policy=compact");
    }

    @Test
    void refusesToRunWithoutABootstrapServerAndSaysWhatToPass() throws Exception {
        Process process = new ProcessBuilder("bash", DeployTree.root().resolve("kafka/create-topics.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--bootstrap-server is required");
    }

    private static Collection<ConfigResource> resources(List<String> topics) {
        return topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    }
}
