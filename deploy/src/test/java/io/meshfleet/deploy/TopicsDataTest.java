package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/kafka/topics.tsv is the single source of the topics: it names exactly the contract's topics
 * ({@link Topics}), strimzi/topics.yaml says the same, and every topic a service is configured with is in it.
 */
class TopicsDataTest {

    /** One row of topics.tsv. */
    record TopicRow(String topic, int partitions, int replicas, int minInsync, String cleanupPolicy, String retentionMs) {
    }

    static List<TopicRow> rows() {
        return DeployTree.columns(DeployTree.root().resolve("kafka/topics.tsv"), 7).stream()
                .map(c -> new TopicRow(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                        c[4], c[5]))
                .toList();
    }

    @Test
    void theTableNamesExactlyTheContractsTopicsAndTheStateTopicIsCompacted() {
        assertThat(rows()).extracting(TopicRow::topic).containsExactlyElementsOf(Topics.ALL);
        TopicRow state = rows().stream().filter(r -> r.topic().equals(Topics.CLUSTER_STATE)).findFirst().orElseThrow();
        assertThat(state.cleanupPolicy()).isEqualTo("compact");
        assertThat(state.retentionMs()).isEqualTo("-1");
        assertThat(rows()).allSatisfy(r -> {
            assertThat(r.minInsync()).isLessThan(r.replicas());
            assertThat(r.cleanupPolicy()).isIn("delete", "compact");
        });
    }

    @Test
    void theStrimziTopicsSayWhatTheTableSays() {
        List<JsonNode> docs = DeployTree.documents(DeployTree.read(DeployTree.root().resolve("kafka/strimzi/topics.yaml")));
        Map<String, JsonNode> byTopic = new LinkedHashMap<>();
        for (JsonNode doc : docs) {
            assertThat(doc.path("kind").asText()).isEqualTo("KafkaTopic");
            assertThat(doc.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(doc.path("metadata").path("name").asText()).matches("[a-z0-9-]+");
            byTopic.put(doc.path("spec").path("topicName").asText(), doc.path("spec"));
        }
        List<String> expected = new ArrayList<>();
        for (TopicRow row : rows()) {
            expected.add(row.topic());
            expected.add(Topics.deadLetter(row.topic()));
            assertTopic(byTopic.get(row.topic()), row.partitions(), row.replicas(), row.minInsync(), row.cleanupPolicy(),
                    row.retentionMs());
            assertTopic(byTopic.get(Topics.deadLetter(row.topic())), row.partitions(), row.replicas(), row.minInsync(),
                    "delete", "2592000000");
        }
        assertThat(byTopic.keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyTopicAServiceIsConfiguredWithIsInTheTable() throws IOException {
        Pattern topic = Pattern.compile("(?m)^mp\\.messaging\\.(?:incoming|outgoing)\\.[\\w-]+\\.topic=(\\S+)$");
        TreeSet<String> configured = new TreeSet<>();
        try (Stream<Path> modules = Files.list(DeployTree.repository())) {
            for (Path props : modules.map(m -> m.resolve("src/main/resources/application.properties"))
                    .filter(Files::isRegularFile).toList()) {
                Matcher m = topic.matcher(DeployTree.read(props));
                while (m.find()) {
                    configured.add(m.group(1));
                }
            }
        }
        assertThat(configured).hasSizeGreaterThanOrEqualTo(5);
        assertThat(rows()).extracting(TopicRow::topic).containsAll(configured);
    }

    @Test
    void theAgentIsToldThePartitionCountOfItsCommandTopic() {
        int partitions = rows().stream().filter(r -> r.topic().equals(Topics.AGENT_COMMANDS)).findFirst().orElseThrow()
                .partitions();
        String kustomization = DeployTree.read(DeployTree.root().resolve("agent/base/kustomization.yaml"));
        assertThat(kustomization).contains("MESHFLEET_AGENT_COMMAND_PARTITIONS=" + partitions);
    }

    private static void assertTopic(JsonNode spec, int partitions, int replicas, int minInsync, String cleanup,
            String retention) {
        assertThat(spec).isNotNull();
        assertThat(spec.path("partitions").asInt()).isEqualTo(partitions);
        assertThat(spec.path("replicas").asInt()).isEqualTo(replicas);
        assertThat(spec.path("config").path("cleanup.policy").asText()).isEqualTo(cleanup);
        assertThat(spec.path("config").path("retention.ms").asText()).isEqualTo(retention);
        assertThat(spec.path("config").path("min.insync.replicas").asInt()).isEqualTo(minInsync);
    }
}
