package io.meshfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.events.MessageTypes.MessageType;
import io.meshfleet.events.signing.CommandVerifier;
import io.meshfleet.events.signing.TrustedKeys;
import io.meshfleet.events.signing.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire form of every message type in {@code src/test/resources/golden}, so that every contract
 * change shows up as a reviewed diff of those files.
 *
 * <p>{@code <Type>.v<n>.json} for the current version n of a type is the encoded {@link Samples#golden}
 * envelope; {@code -Dmeshfleet.golden.update=true} rewrites these. A file of an older version is frozen:
 * it is what producers of that version wrote, kept for as long as the type's upcasters read it.
 */
class GoldenFilesTest {

    private static final String UPDATE_PROPERTY = "meshfleet.golden.update";
    private static final boolean UPDATE = Boolean.getBoolean(UPDATE_PROPERTY);
    private static final String COMMAND = "./mvnw -B -q -o -pl fleet-events install -D" + UPDATE_PROPERTY + "=true";
    // Surefire runs tests in the module directory and names it in "basedir"; the update writes the sources.
    private static final Path DIR = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    private static final Pattern FILE_NAME = Pattern.compile("([A-Za-z0-9]+)\\.v([1-9][0-9]*)\\.json");

    // Decimals as BigDecimal with their trailing zeros, so that 1.0 stays 1.0 and comparing trees rounds nothing.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private final EnvelopeCodec codec = new EnvelopeCodec();

    static List<MessageType> types() {
        return MessageTypes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theCurrentVersionOfEveryTypeIsPinned(MessageType type) throws IOException {
        Envelope sample = Samples.golden(type);
        JsonNode encoded = JSON.readTree(codec.encode(sample));
        Path file = file(type, type.dataVersion());
        if (UPDATE) {
            write(file, encoded);
        }
        if (!Files.exists(file)) {
            fail("golden file " + file + " is missing. Write it with `" + COMMAND + "`, review it, and keep it"
                    + " in the tree with the change.");
        }
        byte[] golden = Files.readAllBytes(file);

        assertThat(encoded).as(type.name() + " no longer encodes as " + file.getFileName() + ". If consumers of"
                + " the released version read the new form correctly (an added optional field they may ignore),"
                + " rewrite the file with `" + COMMAND + "`; otherwise bump the dataversion and write an upcaster"
                + " first (fleet-events/README.md, Versioning).").isEqualTo(JSON.readTree(golden));
        assertThat(codec.decode(golden)).isEqualTo(sample);
    }

    @Test
    void everyOlderVersionTheDecoderAcceptsIsPinnedAndDecodesToTheCurrentVersion() throws IOException {
        for (MessageType type : MessageTypes.all()) {
            for (int version = type.oldestDataVersion(); version < type.dataVersion(); version++) {
                Path file = file(type, version);
                if (!Files.exists(file)) {
                    fail(type.name() + " accepts dataversion " + version + " but " + file + " is missing. It holds"
                            + " what producers of that version write and cannot be regenerated: restore it from"
                            + " version control, where it was the current golden file before the bump.");
                }
                byte[] golden = Files.readAllBytes(file);
                JsonNode old = JSON.readTree(golden);
                assertThat(old.get("dataversion").intValue()).as(file.toString()).isEqualTo(version);

                Envelope decoded = codec.decode(golden);

                assertThat(decoded.dataversion()).isEqualTo(type.dataVersion());
                assertThat(decoded.data()).isInstanceOf(type.recordClass());
                ObjectNode reencoded = (ObjectNode) JSON.readTree(codec.encode(decoded));
                assertThat(reencoded.get("dataversion").intValue()).isEqualTo(type.dataVersion());
                assertThat(attributesOtherThanData(reencoded)).as("attributes of " + file.getFileName())
                        .isEqualTo(attributesOtherThanData((ObjectNode) old));
            }
        }
    }

    @Test
    void everyGoldenFileIsAVersionOfARegisteredType() throws IOException {
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name);
                boolean accepted = m.matches() && MessageTypes.byName(MessageTypes.PREFIX + m.group(1))
                        .filter(type -> type.accepts(Integer.parseInt(m.group(2))))
                        .isPresent();
                if (!accepted) {
                    stale.add(name);
                }
            }
        }
        assertThat(stale).as("files in " + DIR + " that pin no version a registered type accepts: delete them"
                + " (an older version's file goes together with the upcaster that read it)").isEmpty();
    }

    @Test
    void rollSidecarsVersion1DecodesToVersion2WithTheDefaults() throws IOException {
        Envelope current = Samples.golden(MessageTypes.of(RollSidecars.class));
        RollSidecars sample = (RollSidecars) current.data();
        byte[] v1 = Files.readAllBytes(DIR.resolve("RollSidecars.v1.json"));
        JsonNode v1Data = JSON.readTree(v1).get("data");
        assertThat(v1Data.has("namespaceOrder") || v1Data.has("onNamespaceFailure")).isFalse();

        Envelope decoded = codec.decode(v1);

        RollSidecars expected = new RollSidecars(sample.planId(), sample.clusterId(), sample.namespaces(),
                sample.targetProxyVersion(), sample.limits(), sample.deadlineSeconds(),
                NamespaceOrder.AS_LISTED, NamespaceFailurePolicy.STOP_CLUSTER);
        assertThat(decoded).isEqualTo(withData(current, expected));
        assertThat(decoded.dataversion()).isEqualTo(2);
        assertThat(sample.namespaceOrder()).as("the sample must differ from the defaults to show them")
                .isNotEqualTo(expected.namespaceOrder());
        assertThat(sample.onNamespaceFailure()).isNotEqualTo(expected.onNamespaceFailure());
    }

    @Test
    void clusterStateVersion1DecodesToTheCurrentVersionWithoutDisruptionBudgetsAndLabels() throws IOException {
        Envelope current = Samples.golden(MessageTypes.of(ClusterState.class));
        ClusterState sample = (ClusterState) current.data();
        byte[] v1 = Files.readAllBytes(DIR.resolve("ClusterState.v1.json"));

        Envelope decoded = codec.decode(v1);

        ClusterState expected = new ClusterState(sample.clusterId(), sample.observedGeneration(), sample.clusterKind(),
                sample.labels(), sample.meshVersion(), sample.controlPlane(),
                sample.namespaces().stream().map(ns -> new NamespaceState(ns.name(), ns.injectionEnabled(),
                        ns.workloads())).toList(),
                sample.observedAt());
        assertThat(decoded).isEqualTo(withData(current, expected));
        assertThat(decoded.dataversion()).isEqualTo(3);
        assertThat(sample.namespaces().get(0).disruptionBudgets()).as("the sample must have budgets to show the"
                + " upcast drops none it knew").isNotEmpty();
    }

    @Test
    void clusterStateVersion2DecodesToVersion3WithoutNamespaceLabels() throws IOException {
        Envelope current = Samples.golden(MessageTypes.of(ClusterState.class));
        ClusterState sample = (ClusterState) current.data();
        byte[] v2 = Files.readAllBytes(DIR.resolve("ClusterState.v2.json"));
        assertThat(JSON.readTree(v2).at("/data/namespaces/0").has("labels")).isFalse();

        Envelope decoded = codec.decode(v2);

        ClusterState expected = new ClusterState(sample.clusterId(), sample.observedGeneration(), sample.clusterKind(),
                sample.labels(), sample.meshVersion(), sample.controlPlane(),
                sample.namespaces().stream().map(ns -> new NamespaceState(ns.name(), ns.injectionEnabled(),
                        ns.workloads(), ns.disruptionBudgets())).toList(),
                sample.observedAt());
        assertThat(decoded).isEqualTo(withData(current, expected));
        assertThat(decoded.dataversion()).isEqualTo(3);
        assertThat(((ClusterState) decoded.data()).namespaces().get(0).disruptionBudgets()).as("kept from v2")
                .isEqualTo(sample.namespaces().get(0).disruptionBudgets());
        assertThat(sample.namespaces().get(0).labels()).as("the sample must have labels to show the upcast adds"
                + " none").isNotEmpty();
    }

    @Test
    void goldenAgentCommandsStillVerify() throws IOException {
        TrustedKeys trusted = TrustedKeys.fromPem(Samples.GOLDEN_KEY.publicKeyPem());
        List<MessageType> commands = MessageTypes.all().stream()
                .filter(type -> AgentCommand.class.isAssignableFrom(type.recordClass())).toList();

        assertThat(commands).isNotEmpty();
        for (MessageType type : commands) {
            // One verifier each: the golden commands share their nonce, and a verifier refuses a nonce twice.
            CommandVerifier verifier = new CommandVerifier(trusted, Clock.fixed(Samples.GOLDEN_TIME, ZoneOffset.UTC),
                    Duration.ofMinutes(10), Samples.CLUSTER);
            Envelope decoded = codec.decode(Files.readAllBytes(file(type, type.dataVersion())));
            assertThat(verifier.verify(decoded)).as(type.name()).isEqualTo(Verdict.accept());
        }
    }

    private static Path file(MessageType type, int version) {
        // The wire name, not the class name: a class may be renamed, the wire contract may not.
        return DIR.resolve(type.name().substring(MessageTypes.PREFIX.length()) + ".v" + version + ".json");
    }

    // Sorted keys and a fixed layout, so that the file changes only when the JSON does.
    private static void write(Path file, JsonNode json) throws IOException {
        byte[] bytes = (JSON.writer(PRETTY).writeValueAsString(sorted(json)) + "\n").getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static ObjectNode attributesOtherThanData(ObjectNode envelope) {
        ObjectNode copy = envelope.deepCopy();
        copy.remove(List.of("data", "dataversion"));
        return copy;
    }

    private static Envelope withData(Envelope e, Message data) {
        return new Envelope(e.specversion(), e.id(), e.type(), e.source(), e.time(), e.subject(), e.planId(),
                e.correlationId(), e.dataversion(), data, e.clusterId(), e.notAfter(), e.nonce(), e.keyId(),
                e.signature());
    }
}
