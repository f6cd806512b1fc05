package io.meshfleet.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.events.MessageTypes.MessageType;
import io.meshfleet.events.UndecodableMessageException.Reason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00.123456Z"));
    private final EnvelopeCodec codec = new EnvelopeCodec();

    static List<MessageType> types() {
        return MessageTypes.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyTypeRoundTripsToAnEqualEnvelope(MessageType type) {
        Envelope envelope = Envelope.of("orchestrator", Samples.of(type.recordClass()), clock)
                .withPlan("plan-1").withCorrelation("4f1c3a2e-0000-4000-8000-000000000001");

        Envelope decoded = codec.decode(codec.encode(envelope));

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.data()).isInstanceOf(type.recordClass());
        assertThat(codec.canonical(decoded)).isEqualTo(codec.canonical(envelope));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void dataIsWrittenAsTheRecordComponentsOnly(MessageType type) throws Exception {
        JsonNode data = JSON.readTree(codec.encode(Envelope.of("o", Samples.of(type.recordClass()), clock))).get("data");

        List<String> components = java.util.Arrays.stream(type.recordClass().getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        assertThat(iterable(data.fieldNames())).isSubsetOf(components);
    }

    @Test
    void signingAttributesRoundTrip() {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock)
                .withSigning("c1", clock.instant().plusSeconds(300), "bm9uY2U", "0123456789abcdef", "c2ln");
        assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void encodesPlainReadableJson() throws Exception {
        Envelope envelope = Envelope.of("orchestrator", new PauseRoll("plan-1", "c1"), clock);

        JsonNode json = JSON.readTree(codec.encode(envelope));

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("type").asText()).isEqualTo("meshfleet.PauseRoll");
        assertThat(json.get("time").asText()).isEqualTo("2024-03-01T10:00:00.123456Z");
        assertThat(json.get("dataversion").asInt()).isEqualTo(1);
        assertThat(json.get("data")).isEqualTo(JSON.readTree("{\"planId\":\"plan-1\",\"clusterId\":\"c1\"}"));
        assertThat(iterable(json.fieldNames())).containsExactly("specversion", "id", "type", "source", "time", "subject",
                "dataversion", "data");
    }

    @Test
    void recordMethodsOtherThanComponentsAreNotWritten() throws Exception {
        JsonNode data = JSON.readTree(codec.encode(Envelope.of("agent", Samples.of(ClusterState.class), clock))).get("data");

        assertThat(iterable(data.fieldNames())).containsExactly("clusterId", "observedGeneration", "clusterKind",
                "labels", "meshVersion", "controlPlane", "namespaces", "observedAt");
        assertThat(data.get("observedAt").asText()).isEqualTo("2024-03-01T09:58:12.345678901Z");
        JsonNode pod = data.at("/namespaces/0/workloads/0/pods/1");
        assertThat(pod.has("proxyVersion")).isFalse();
        assertThat(pod.has("allReady")).isFalse();
    }

    @Test
    void overlayNumbersKeepTheirExactSpellingAndNullsSurvive() throws Exception {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock);
        byte[] bytes = codec.encode(envelope);

        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).contains("\"sampling\":1.0", "\"traceSampling\":0.5", "\"concurrency\":2", "\"removed\":null");
        @SuppressWarnings("unchecked")
        Map<String, Object> tracing = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((InstallControlPlane) codec.decode(bytes).data()).overlay().get("meshConfig")).get("defaultConfig"))
                .get("tracing");
        assertThat(tracing.get("sampling")).isEqualTo(new BigDecimal("1.0"));
    }

    @Test
    void unknownAttributesAndDataFieldsAreIgnored() throws Exception {
        Envelope envelope = Envelope.of("roller", Samples.of(NamespaceProgress.class), clock);
        ObjectNode json = (ObjectNode) JSON.readTree(codec.encode(envelope));
        json.put("traceparent", "00-abc-def-01");
        ((ObjectNode) json.get("data")).put("newField", 42).putObject("nested").put("x", true);

        assertThat(codec.decode(JSON.writeValueAsBytes(json))).isEqualTo(envelope);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"specversion\":", "[1,2]", "42", "null", "\"text\"",
            "{\"a\":1} trailing", "{\"a\":1,\"a\":2}"})
    void malformedJsonIsReportedAsSuch(String input) {
        assertReason(() -> codec.decode(input.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_JSON);
    }

    @Test
    void nullAndInvalidUtf8AreMalformed() {
        assertReason(() -> codec.decode(null), Reason.MALFORMED_JSON);
        assertReason(() -> codec.decode(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                Reason.MALFORMED_JSON);
    }

    @Test
    void absurdNestingIsMalformedNotAStackOverflow() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertReason(() -> codec.decode(deep.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_JSON);
    }

    @Test
    void duplicateKeysInsideDataAreMalformed() {
        byte[] bytes = edit(Envelope.of("roller", new PauseRoll("p", "c1"), clock), json -> { });
        String twice = new String(bytes, StandardCharsets.UTF_8).replace("\"clusterId\":\"c1\"",
                "\"clusterId\":\"c1\",\"clusterId\":\"c2\"");
        assertReason(() -> codec.decode(twice.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_JSON);
    }

    @Test
    void unknownTypeIsReportedAsSuch() {
        Envelope envelope = Envelope.of("roller", new PauseRoll("p", "c1"), clock);
        assertReason(() -> codec.decode(edit(envelope, json -> json.put("type", "meshfleet.LaunchRockets"))),
                Reason.UNKNOWN_TYPE);
    }

    @Test
    void unsupportedVersionsAreReportedAsSuch() {
        Envelope envelope = Envelope.of("roller", new PauseRoll("p", "c1"), clock);
        assertReason(() -> codec.decode(edit(envelope, json -> json.put("specversion", "2.0"))), Reason.UNSUPPORTED_VERSION);
        assertReason(() -> codec.decode(edit(envelope, json -> json.put("dataversion", 2))), Reason.UNSUPPORTED_VERSION);
        assertReason(() -> codec.decode(edit(envelope, json -> json.put("dataversion", 0))), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void aNewerVersionIsUnsupportedEvenWhenItOnlyAddsFields() {
        Envelope roll = Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock);

        assertThatThrownBy(() -> codec.decode(edit(roll, json -> json.put("dataversion", 3))))
                .isInstanceOfSatisfying(UndecodableMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION))
                .hasMessage("UNSUPPORTED_VERSION: dataversion 3 of meshfleet.RollSidecars is not supported,"
                        + " only 1 to 2; upgrade this consumer before its producers");
        assertReason(() -> codec.decode(edit(roll, json -> json.put("dataversion", 0))), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void rollSidecarsByLabelCarriesItsLabelAndWithoutItIsRefused() throws Exception {
        RollSidecars byLabel = new RollSidecars("plan-1", "c1", List.of(), "1.5.10-asm.2",
                new SidecarLimits(50, 100, "25%"), 1800, NamespaceOrder.BY_LABEL, NamespaceFailurePolicy.CONTINUE,
                "meshfleet.io/roll-wave");
        Envelope envelope = Envelope.of("orchestrator", byLabel, clock);

        assertThat(JSON.readTree(codec.encode(envelope)).get("data").get("orderLabel").textValue())
                .isEqualTo("meshfleet.io/roll-wave");
        assertThat(codec.decode(codec.encode(envelope)).data()).isEqualTo(byLabel);
        assertReason(() -> codec.decode(edit(envelope, json -> data(json).remove("orderLabel"))),
                Reason.INVALID_FIELDS);
        assertThat(JSON.readTree(codec.encode(Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock)))
                .get("data").has("orderLabel")).as("null is left out for the other orders").isFalse();
        assertThatThrownBy(() -> new RollSidecars("plan-1", "c1", List.of(), "1.5.10-asm.2",
                new SidecarLimits(50, 100, "25%"), 1800, NamespaceOrder.BY_NAME, NamespaceFailurePolicy.CONTINUE,
                "meshfleet.io/roll-wave")).hasMessageContaining("only for namespaceOrder BY_LABEL");
    }

    @Test
    void rollSidecarsVersionOneIsUpcastWithTheDefaultsAndReencodedAsVersionTwo() throws Exception {
        RollSidecars sample = (RollSidecars) Samples.of(RollSidecars.class);
        Envelope envelope = Envelope.of("orchestrator", sample, clock);
        byte[] v1 = edit(envelope, json -> {
            json.put("dataversion", 1);
            data(json).remove(List.of("namespaceOrder", "onNamespaceFailure"));
        });

        Envelope decoded = codec.decode(v1);

        RollSidecars roll = (RollSidecars) decoded.data();
        assertThat(roll.namespaceOrder()).isEqualTo(NamespaceOrder.AS_LISTED);
        assertThat(roll.onNamespaceFailure()).isEqualTo(NamespaceFailurePolicy.STOP_CLUSTER);
        assertThat(roll).isEqualTo(new RollSidecars(sample.planId(), sample.clusterId(), sample.namespaces(),
                sample.targetProxyVersion(), sample.limits(), sample.deadlineSeconds()));
        assertThat(decoded.dataversion()).isEqualTo(2);
        JsonNode reencoded = JSON.readTree(codec.encode(decoded));
        assertThat(reencoded.get("dataversion").intValue()).isEqualTo(2);
        assertThat(reencoded.get("data").get("onNamespaceFailure").textValue()).isEqualTo("STOP_CLUSTER");
    }

    @Test
    void aVersionOneMessageMeansTheVersionOneBehaviourWhateverItCarriesUnderTheNewNames() {
        Envelope envelope = Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock);

        RollSidecars roll = (RollSidecars) codec.decode(edit(envelope, json -> json.put("dataversion", 1))).data();

        assertThat(roll.namespaceOrder()).isEqualTo(NamespaceOrder.AS_LISTED);
        assertThat(roll.onNamespaceFailure()).isEqualTo(NamespaceFailurePolicy.STOP_CLUSTER);
    }

    @Test
    void anUpcastMessageIsStillCheckedByTheRecord() {
        Envelope envelope = Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock);

        assertThatThrownBy(() -> codec.decode(edit(envelope, json -> {
            json.put("dataversion", 1);
            data(json).remove("deadlineSeconds");
        }))).isInstanceOfSatisfying(UndecodableMessageException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_FIELDS))
                .hasMessageContaining("deadlineSeconds");
    }

    @Test
    void theVersionTwoFieldsAreRequiredInVersionTwo() {
        Envelope envelope = Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock);

        assertReason(() -> codec.decode(edit(envelope, json -> data(json).remove("onNamespaceFailure"))),
                Reason.INVALID_FIELDS);
        assertReason(() -> codec.decode(edit(envelope, json -> data(json).remove("namespaceOrder"))),
                Reason.INVALID_FIELDS);
        assertReason(() -> codec.decode(edit(envelope, json -> data(json).put("namespaceOrder", "RANDOM"))),
                Reason.INVALID_FIELDS);
    }

    @Test
    void aVersionTwoMessageWithUnknownDataFieldsAndAttributesDecodes() {
        Envelope envelope = Envelope.of("orchestrator", Samples.of(RollSidecars.class), clock).withPlan("plan-1");

        Envelope decoded = codec.decode(edit(envelope, json -> {
            json.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            data(json).put("maxParallelNamespaces", 3).putObject("canary").put("namespace", "shop");
        }));

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.dataversion()).isEqualTo(2);
    }

    static List<Object[]> invalidEdits() {
        List<Object[]> cases = new ArrayList<>();
        cases.add(invalidCase("missing id", json -> json.remove("id")));
        cases.add(invalidCase("id not a UUID", json -> json.put("id", "42")));
        cases.add(invalidCase("missing type", json -> json.remove("type")));
        cases.add(invalidCase("missing specversion", json -> json.remove("specversion")));
        cases.add(invalidCase("missing source", json -> json.remove("source")));
        cases.add(invalidCase("missing time", json -> json.remove("time")));
        cases.add(invalidCase("time not a string", json -> json.put("time", 1709287200)));
        cases.add(invalidCase("time not ISO-8601", json -> json.put("time", "yesterday")));
        cases.add(invalidCase("missing subject", json -> json.remove("subject")));
        cases.add(invalidCase("planid not a string", json -> json.put("planid", 7)));
        cases.add(invalidCase("notafter not an instant", json -> json.put("notafter", "soon")));
        cases.add(invalidCase("missing dataversion", json -> json.remove("dataversion")));
        cases.add(invalidCase("dataversion a string", json -> json.put("dataversion", "1")));
        cases.add(invalidCase("missing data", json -> json.remove("data")));
        cases.add(invalidCase("data an array", json -> json.putArray("data")));
        cases.add(invalidCase("missing data field", json -> data(json).remove("version")));
        cases.add(invalidCase("null data field", json -> data(json).putNull("clusterId")));
        cases.add(invalidCase("blank data field", json -> data(json).put("clusterId", "")));
        cases.add(invalidCase("missing primitive", json -> data(json).remove("timeoutSeconds")));
        cases.add(invalidCase("null primitive", json -> data(json).putNull("timeoutSeconds")));
        cases.add(invalidCase("int as string", json -> data(json).put("timeoutSeconds", "600")));
        cases.add(invalidCase("int as text", json -> data(json).put("timeoutSeconds", "ten minutes")));
        cases.add(invalidCase("int as fraction", json -> data(json).put("timeoutSeconds", 600.5)));
        cases.add(invalidCase("int overflow", json -> data(json).put("timeoutSeconds", 1L << 40)));
        cases.add(invalidCase("string as number", json -> data(json).put("version", 1)));
        cases.add(invalidCase("string as boolean", json -> data(json).put("platform", true)));
        cases.add(invalidCase("string as object", json -> data(json).putObject("profile")));
        cases.add(invalidCase("unknown enum constant", json -> data(json).put("installer", "HELM")));
        cases.add(invalidCase("enum as index", json -> data(json).put("installer", 0)));
        cases.add(invalidCase("map as list", json -> data(json).putArray("overlay")));
        cases.add(invalidCase("failed value check", json -> data(json).put("artifactSha256", "not-a-digest")));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEdits")
    void invalidFieldsAreReportedAsSuch(String name, Consumer<ObjectNode> change) {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock);
        assertReason(() -> codec.decode(edit(envelope, change)), Reason.INVALID_FIELDS);
    }

    @Test
    void missingPrimitivesAreMissingFieldsEvenWhereZeroOrFalseWouldBeValid() {
        Envelope progress = Envelope.of("roller", Samples.of(NamespaceProgress.class), clock);
        Envelope restart = Envelope.of("roller", Samples.of(RestartWorkloads.class), clock);

        assertReason(() -> codec.decode(edit(progress, json -> data(json).remove("restarted"))), Reason.INVALID_FIELDS);
        assertReason(() -> codec.decode(edit(progress, json -> data(json).remove("etaSeconds"))), Reason.INVALID_FIELDS);
        assertReason(() -> codec.decode(edit(restart, json -> data(json).remove("allowBarePodDeletion"))),
                Reason.INVALID_FIELDS);
        assertReason(() -> codec.decode(edit(restart, json -> data(json).put("allowBarePodDeletion", "true"))),
                Reason.INVALID_FIELDS);
    }

    @Test
    void instantsInDataAreIsoStringsOnly() {
        Envelope state = Envelope.of("agent", Samples.of(ClusterState.class), clock);

        assertReason(() -> codec.decode(edit(state, json -> data(json).put("observedAt", 1709287200))),
                Reason.INVALID_FIELDS);
        assertReason(() -> codec.decode(edit(state, json -> data(json).put("observedAt", "last tuesday"))),
                Reason.INVALID_FIELDS);
        ClusterState decoded = (ClusterState) codec.decode(edit(state,
                json -> data(json).put("observedAt", "2024-03-01T12:00:00+02:00"))).data();
        assertThat(decoded.observedAt()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
    }

    @Test
    void invalidNestedFieldsNameTheirPath() {
        Envelope envelope = Envelope.of("agent", Samples.of(RestartWorkloads.class), clock);

        assertThatThrownBy(() -> codec.decode(edit(envelope, json -> ((ObjectNode) data(json).get("workloads").get(1))
                .put("kind", "CRONJOB"))))
                .isInstanceOf(UndecodableMessageException.class)
                .hasMessageStartingWith("INVALID_FIELDS: data.workloads[1].kind");
        assertThatThrownBy(() -> codec.decode(edit(envelope, json -> ((ArrayNode) data(json).get("workloads")).addNull())))
                .isInstanceOf(UndecodableMessageException.class)
                .hasMessageContaining("workloads must not contain null");
        assertThatThrownBy(() -> codec.decode(edit(envelope, json -> ((ObjectNode) data(json).get("workloads").get(0))
                .remove("name"))))
                .isInstanceOf(UndecodableMessageException.class)
                .hasMessageContaining("name is required");
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        EnvelopeCodec small = new EnvelopeCodec(256);
        byte[] bytes = codec.encode(Envelope.of("agent", Samples.of(ClusterState.class), clock));

        assertThat(bytes.length).isGreaterThan(256);
        assertReason(() -> small.decode(bytes), Reason.OVERSIZED);
        assertReason(() -> small.decode(new byte[300]), Reason.OVERSIZED);
        assertThatThrownBy(() -> small.encode(Envelope.of("agent", Samples.of(ClusterState.class), clock)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the limit of 256");
        assertThat(new EnvelopeCodec().maxBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void canonicalFormIsStableUnderKeyReordering() throws Exception {
        Envelope envelope = Envelope.of("orchestrator", Samples.install("c1"), clock).withPlan("plan-1")
                .withSigning("c1", clock.instant().plusSeconds(60), "bm9uY2U", "0123456789abcdef", "c2ln");
        JsonNode reversed = reversed(JSON.readTree(codec.encode(envelope)));
        byte[] reorderedBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(reversed);

        Envelope decoded = codec.decode(reorderedBytes);

        assertThat(decoded).isEqualTo(envelope);
        assertThat(codec.canonical(decoded)).isEqualTo(codec.canonical(envelope));
    }

    @Test
    void canonicalFormSortsKeysDropsTheSignatureAndHasNoWhitespace() {
        Envelope envelope = new Envelope("1.0", "4f1c3a2e-0000-4000-8000-000000000001", "meshfleet.RollFailed", "roller",
                Instant.parse("2024-03-01T10:00:00Z"), "c1", "plan-1", null, 1,
                new RollFailed("plan-1", "c1", null, "DEADLINE_EXCEEDED",
                        List.of(new PodProblem("web-0", "READY 1/2 \"é\""))),
                "c1", Instant.parse("2024-03-01T10:05:00Z"), "bm9uY2U", "0123456789abcdef", "c2ln");

        String canonical = new String(codec.canonical(envelope), StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("{\"clusterid\":\"c1\",\"data\":{\"clusterId\":\"c1\",\"planId\":\"plan-1\","
                + "\"pods\":[{\"name\":\"web-0\",\"problem\":\"READY 1/2 \\\"é\\\"\"}],\"reason\":\"DEADLINE_EXCEEDED\"},"
                + "\"dataversion\":1,\"id\":\"4f1c3a2e-0000-4000-8000-000000000001\",\"keyid\":\"0123456789abcdef\","
                + "\"nonce\":\"bm9uY2U\",\"notafter\":\"2024-03-01T10:05:00Z\",\"planid\":\"plan-1\","
                + "\"source\":\"roller\",\"specversion\":\"1.0\",\"subject\":\"c1\",\"time\":\"2024-03-01T10:00:00Z\","
                + "\"type\":\"meshfleet.RollFailed\"}");
        assertThat(codec.canonical(envelope.withSignature("other"))).isEqualTo(codec.canonical(envelope));
    }

    @Test
    void canonicalFormSortsOverlayKeysAtEveryDepth() {
        String canonical = new String(codec.canonical(Envelope.of("o", Samples.install("c1"), clock)),
                StandardCharsets.UTF_8);
        assertThat(canonical).contains("\"overlay\":{\"components\":{\"cni\":{\"enabled\":false}},\"meshConfig\":"
                + "{\"defaultConfig\":{\"tracing\":{\"sampling\":1.0,\"zipkin\":{\"address\":\"zipkin.istio-system:9411\"}}}},"
                + "\"removed\":null,\"values\":{\"global\":{\"proxy\":{\"concurrency\":2,\"holdApplicationUntilProxyStarts\":true}},"
                + "\"pilot\":{\"env\":[\"A\",\"B\"],\"traceSampling\":0.5}}}");
    }

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UndecodableMessageException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private static Object[] invalidCase(String name, Consumer<ObjectNode> change) {
        return new Object[] {name, change};
    }

    private static ObjectNode data(ObjectNode json) {
        return (ObjectNode) json.get("data");
    }

    private byte[] edit(Envelope envelope, Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(codec.encode(envelope));
            change.accept(json);
            return JSON.writeValueAsBytes(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode reversed(JsonNode node) {
        if (node.isObject()) {
            List<String> names = iterable(node.fieldNames());
            Collections.reverse(names);
            ObjectNode copy = JSON.createObjectNode();
            names.forEach(name -> copy.set(name, reversed(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(reversed(element)));
            return copy;
        }
        return node;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
