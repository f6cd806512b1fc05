package io.meshfleet.fleetctl.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Topics;
import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.stack.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fleetctl dead-letters list} against a real broker holding dead letters written as the services write them. */
class ListDeadLettersIT {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOT_UTF8 = {(byte) 0xc3, 0x28, 0x00, (byte) 0xff};
    private static final String LONG_DETAIL = "field namespaces: expected an array of namespace names but was a"
            + " string; field clusterId: required";

    private static KafkaBroker kafka;
    private static Fleetctl fleetctl;

    @BeforeAll
    static void startKafkaWithDeadLetters() throws Exception {
        kafka = KafkaBroker.builder().build();
        kafka.start();
        fleetctl = new Fleetctl(CLOCK, Map.of(Fleetctl.BOOTSTRAP_SERVERS_ENV, kafka.bootstrapServers()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // An existing dead-letter topic that holds nothing.
            admin.createTopics(List.of(new NewTopic(Topics.deadLetter(Topics.CLUSTER_STATE), 2, (short) 1)))
                    .all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, Topics.AGENT_COMMANDS, 1, 42, "edge-a", utf8("{\"type\":\"meshfleet.Bogus\"}"),
                    DeadLetter.Reason.UNKNOWN_TYPE, "no message type meshfleet.Bogus", "cluster-agent",
                    NOW.minusSeconds(3 * 3600), "traceparent", "00-4bf92f3577b34da6-01");
            send(producer, Topics.AGENT_COMMANDS, 0, 7, "edge-b", utf8("not json"),
                    DeadLetter.Reason.MALFORMED_JSON, "Unrecognized token 'not'", "cluster-agent",
                    NOW.minusSeconds(3600));
            send(producer, Topics.ARTIFACT_EVENTS, 2, 3, "1.5.10", utf8("{\"type\":\"meshfleet.ReleaseVerified\"}"),
                    DeadLetter.Reason.INVALID_FIELDS, LONG_DETAIL, "orchestrator", NOW.minusSeconds(30 * 60));
            send(producer, Topics.AGENT_EVENTS, 0, 99, "edge-c", NOT_UTF8,
                    DeadLetter.Reason.MALFORMED_JSON, "Invalid UTF-8 start byte 0xff", "orchestrator",
                    NOW.minusSeconds(10 * 60));
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void listsEveryDeadLetterOldestFirstWithReasonSourceAndService() {
        CommandRun run = list();

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.outLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("TIME +SERVICE +SOURCE +REASON +KEY +DETAIL");
        assertThat(lines.get(1)).matches("2026-11-27T09:00:00Z +cluster-agent +fleet\\.agent\\.commands-1@42 +"
                + "UNKNOWN_TYPE +edge-a +no message type meshfleet\\.Bogus");
        assertThat(lines.get(2)).matches("2026-11-27T11:00:00Z +cluster-agent +fleet\\.agent\\.commands-0@7 +"
                + "MALFORMED_JSON +edge-b +Unrecognized token 'not'");
        assertThat(lines.get(3)).matches("2026-11-27T11:30:00Z +orchestrator +fleet\\.artifact\\.events-2@3 +"
                + "INVALID_FIELDS +1\\.5\\.10 +field namespaces: expected an array of .*\\.\\.\\.");
        assertThat(lines.get(3)).doesNotContain("clusterId");
        assertThat(lines.get(4)).matches("2026-11-27T11:50:00Z +orchestrator +fleet\\.agent\\.events-0@99 +"
                + "MALFORMED_JSON +edge-c +Invalid UTF-8 start byte 0xff");
    }

    @Test
    void explicitBootstrapServersWinOverTheEnvironment() {
        Fleetctl misconfigured = new Fleetctl(CLOCK, Map.of(Fleetctl.BOOTSTRAP_SERVERS_ENV, "127.0.0.1:1"));

        CommandRun run = CommandRun.of(misconfigured, "dead-letters", "list", "--bootstrap-servers",
                kafka.bootstrapServers(), "--topic", Topics.AGENT_COMMANDS);

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(3);
    }

    @Test
    void filtersByReason() {
        CommandRun run = list("--reason", "MALFORMED_JSON");

        assertThat(run.exitCode()).isZero();
        assertThat(keys(run)).containsExactly("edge-b", "edge-c");
        assertThat(keys(list("--reason", "malformed_json"))).containsExactly("edge-b", "edge-c");
    }

    @Test
    void filtersByService() {
        assertThat(keys(list("--service", "orchestrator"))).containsExactly("1.5.10", "edge-c");
        assertThat(keys(list("--service", "orchestrator", "--reason", "MALFORMED_JSON"))).containsExactly("edge-c");
    }

    @Test
    void filtersBySourceTopic() {
        assertThat(keys(list("--topic", Topics.AGENT_COMMANDS))).containsExactly("edge-a", "edge-b");
        assertThat(keys(list("--topic", "fleet.agent.commands.dlq", "--topic", Topics.AGENT_EVENTS)))
                .containsExactly("edge-a", "edge-b", "edge-c");
    }

    @Test
    void filtersBySinceADurationFromTheInjectedClockOrAnInstant() {
        assertThat(keys(list("--since", "2h"))).containsExactly("edge-b", "1.5.10", "edge-c");
        assertThat(keys(list("--since", "2026-11-27T11:20:00Z"))).containsExactly("1.5.10", "edge-c");
    }

    @Test
    void limitKeepsTheLatestAndSaysHowManyMatched() {
        CommandRun run = list("--limit", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(keys(run)).containsExactly("1.5.10", "edge-c");
        assertThat(run.err().strip())
                .isEqualTo("showing the latest 2 of 4 matching dead letters: raise --limit to see more");
    }

    @Test
    void jsonPrintsOneParseableObjectPerLineWithTheHeaders() throws IOException {
        CommandRun run = list("-o", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(4).allSatisfy(json -> assertThat(json.isObject()).isTrue());
        assertThat(lines).extracting(json -> json.get("key").asText())
                .containsExactly("edge-a", "edge-b", "1.5.10", "edge-c");

        JsonNode first = lines.get(0);
        assertThat(first.get("reason").asText()).isEqualTo("UNKNOWN_TYPE");
        assertThat(first.get("service").asText()).isEqualTo("cluster-agent");
        assertThat(first.get("consumer").asText()).isEqualTo("cluster-agent-in");
        assertThat(first.get("sourceTopic").asText()).isEqualTo(Topics.AGENT_COMMANDS);
        assertThat(first.get("sourcePartition").asInt()).isEqualTo(1);
        assertThat(first.get("sourceOffset").asLong()).isEqualTo(42);
        assertThat(first.get("topic").asText()).isEqualTo("fleet.agent.commands.dlq");
        assertThat(first.get("time").asText()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(first.get("value").asText()).isEqualTo("{\"type\":\"meshfleet.Bogus\"}");
        assertThat(first.get("valueEncoding").asText()).isEqualTo("utf-8");
        assertThat(first.get("valueBytes").asInt()).isEqualTo(26);
        JsonNode headers = first.get("headers");
        assertThat(headers.get("traceparent").asText()).isEqualTo("00-4bf92f3577b34da6-01");
        assertThat(headers.get(DeadLetter.REASON).asText()).isEqualTo("UNKNOWN_TYPE");
        assertThat(headers.get(DeadLetter.DETAIL).asText()).isEqualTo("no message type meshfleet.Bogus");
        assertThat(headers.get(DeadLetter.SOURCE_TOPIC).asText()).isEqualTo(Topics.AGENT_COMMANDS);
        assertThat(headers.get(DeadLetter.SOURCE_PARTITION).asText()).isEqualTo("1");
        assertThat(headers.get(DeadLetter.SOURCE_OFFSET).asText()).isEqualTo("42");
        assertThat(headers.get(DeadLetter.SERVICE).asText()).isEqualTo("cluster-agent");
        assertThat(headers.get(DeadLetter.CONSUMER).asText()).isEqualTo("cluster-agent-in");
        assertThat(headers.get(DeadLetter.TIME).asText()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(lines.get(2).get("detail").asText()).isEqualTo(LONG_DETAIL);
    }

    @Test
    void valuesThatAreNotUtf8ComeOutAsBase64() throws IOException {
        CommandRun run = list("-o", "json", "--topic", Topics.AGENT_EVENTS);

        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out().strip());
        assertThat(json.get("key").asText()).isEqualTo("edge-c");
        assertThat(json.get("valueEncoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(json.get("value").asText())).isEqualTo(NOT_UTF8);
        assertThat(json.get("valueBytes").asInt()).isEqualTo(NOT_UTF8.length);
    }

    @Test
    void saysNoDeadLettersWhenNothingMatches() {
        // A dead-letter topic that does not exist, one that exists but is empty, and a filter that matches nothing.
        for (String[] args : new String[][] {
            {"--topic", Topics.ROLLER_EVENTS}, {"--topic", Topics.CLUSTER_STATE}, {"--service", "nobody"}}) {
            CommandRun run = list(args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out().strip()).as(String.join(" ", args)).isEqualTo("no dead letters");
            assertThat(run.err()).as(String.join(" ", args)).isEmpty();
        }
        CommandRun json = list("--service", "nobody", "-o", "json");
        assertThat(json.out()).isEmpty();
        assertThat(json.err().strip()).isEqualTo("no dead letters");
    }

    @Test
    void leavesNoTraceOnTheBroker() throws Exception {
        assertThat(list().exitCode()).isZero();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get())
                    .doesNotContain(Topics.deadLetter(Topics.ROLLER_EVENTS), Topics.deadLetter(Topics.ROLLER_COMMANDS));
            assertThat(admin.listGroups().all().get()).isEmpty();
        }
    }

    private static CommandRun list(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "dead-letters";
        args[1] = "list";
        System.arraycopy(options, 0, args, 2, options.length);
        return CommandRun.of(fleetctl, args);
    }

    /** The KEY column of a table, in order. */
    private static List<String> keys(CommandRun run) {
        assertThat(run.exitCode()).isZero();
        return run.outLines().stream().skip(1).map(line -> line.split(" +")[4]).toList();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Writes a dead letter the way a service does: key and value unchanged, the DeadLetter headers added. */
    private static void send(KafkaProducer<byte[], byte[]> producer, String sourceTopic, int sourcePartition,
            long sourceOffset, String key, byte[] value, DeadLetter.Reason reason, String detail, String service,
            Instant time, String... originalHeaders) throws ExecutionException, InterruptedException {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(Topics.deadLetter(sourceTopic), utf8(key), value);
        for (int i = 0; i < originalHeaders.length; i += 2) {
            record.headers().add(new RecordHeader(originalHeaders[i], utf8(originalHeaders[i + 1])));
        }
        record.headers()
                .add(DeadLetter.REASON, utf8(reason.name()))
                .add(DeadLetter.DETAIL, utf8(detail))
                .add(DeadLetter.SOURCE_TOPIC, utf8(sourceTopic))
                .add(DeadLetter.SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)))
                .add(DeadLetter.SOURCE_OFFSET, utf8(Long.toString(sourceOffset)))
                .add(DeadLetter.SERVICE, utf8(service))
                .add(DeadLetter.CONSUMER, utf8(service + "-in"))
                .add(DeadLetter.TIME, utf8(time.toString()));
        producer.send(record).get();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
