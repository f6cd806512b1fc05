package io.meshfleet.events.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.Message;
import io.meshfleet.events.MutableClock;
import io.meshfleet.events.PauseRoll;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.Samples;
import io.meshfleet.events.UndecodableMessageException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration MAX_TTL = Duration.ofMinutes(10);
    private static final SigningKey ISSUER = SigningKey.generate();
    private static final SigningKey OTHER_ISSUER = SigningKey.generate();
    private static final SigningKey ROGUE = SigningKey.generate();

    private final MutableClock clock = new MutableClock(T0);
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final TrustedKeys trusted = TrustedKeys.fromPem(ISSUER.publicKeyPem(), OTHER_ISSUER.publicKeyPem());
    private final CommandSigner signer = new CommandSigner(ISSUER, clock);
    private final CommandVerifier verifier = new CommandVerifier(trusted, clock, MAX_TTL, "c1");

    @Test
    void aValidCommandIsAcceptedAfterTravellingAsBytes() {
        Envelope signed = signer.sign(command("c1"), TTL);

        Verdict verdict = verifier.verify(codec.decode(codec.encode(signed)));

        assertThat(verdict).isEqualTo(Verdict.accept());
        assertThat(verdict.accepted()).isTrue();
        assertThat(signed.clusterId()).isEqualTo("c1");
        assertThat(signed.notAfter()).isEqualTo(T0.plus(TTL));
        assertThat(signed.keyId()).isEqualTo(ISSUER.keyId()).isEqualTo(signer.keyId());
        assertThat(Base64.getUrlDecoder().decode(signed.nonce())).hasSize(16);
        assertThat(Base64.getUrlDecoder().decode(signed.signature())).hasSize(64);
        assertThat(signed.nonce() + signed.signature()).doesNotContain("=", "+", "/");
        assertThat(signed.isSigned()).isTrue();
    }

    static Stream<Message> agentCommands() {
        return Samples.all().stream().filter(m -> m instanceof AgentCommand);
    }

    @ParameterizedTest
    @MethodSource("agentCommands")
    void everyAgentCommandTypeCanBeSignedAndVerified(Message data) {
        CommandVerifier forSampleCluster = new CommandVerifier(trusted, clock, MAX_TTL, Samples.CLUSTER);
        Envelope signed = signer.sign(Envelope.of("orchestrator", data, clock), TTL);

        assertThat(forSampleCluster.verify(codec.decode(codec.encode(signed))).accepted()).isTrue();
    }

    @Test
    void eachSignatureGetsAFreshNonce() {
        Envelope command = command("c1");
        assertThat(signer.sign(command, TTL).nonce()).isNotEqualTo(signer.sign(command, TTL).nonce());
    }

    static Stream<Arguments> tamperings() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(tampering("data field", "BAD_SIGNATURE", json -> data(json).put("version", "1.4.0")));
        cases.add(tampering("nested data field", "BAD_SIGNATURE",
                json -> ((ObjectNode) data(json).get("overlay").get("components").get("cni")).put("enabled", true)));
        cases.add(tampering("numeric data field", "BAD_SIGNATURE", json -> data(json).put("timeoutSeconds", 601)));
        cases.add(tampering("data clusterId", "WRONG_ADDRESSEE", json -> data(json).put("clusterId", "c2")));
        cases.add(tampering("type alone", "undecodable INVALID_FIELDS", json -> json.put("type", "meshfleet.Preflight")));
        cases.add(tampering("type and data swapped for another command", "BAD_SIGNATURE", json -> {
            json.put("type", "meshfleet.Preflight");
            json.set("data", JSON.valueToTree(new Preflight("c1", "1.5.10-asm.2", "asm-multicloud")));
        }));
        cases.add(tampering("subject", "BAD_SIGNATURE", json -> json.put("subject", "c2")));
        cases.add(tampering("planid changed", "BAD_SIGNATURE", json -> json.put("planid", "plan-2")));
        cases.add(tampering("planid removed", "BAD_SIGNATURE", json -> json.remove("planid")));
        cases.add(tampering("correlationid changed", "BAD_SIGNATURE",
                json -> json.put("correlationid", "0b0b0b0b-0000-4000-8000-000000000000")));
        cases.add(tampering("correlationid removed", "BAD_SIGNATURE", json -> json.remove("correlationid")));
        cases.add(tampering("time", "BAD_SIGNATURE", json -> json.put("time", "2024-03-01T10:00:01Z")));
        cases.add(tampering("id", "BAD_SIGNATURE", json -> json.put("id", "0b0b0b0b-0000-4000-8000-000000000000")));
        cases.add(tampering("source", "BAD_SIGNATURE", json -> json.put("source", "fleetctl")));
        cases.add(tampering("clusterid", "WRONG_ADDRESSEE", json -> json.put("clusterid", "c2")));
        cases.add(tampering("notafter extended", "BAD_SIGNATURE", json -> json.put("notafter", "2024-03-01T10:09:00Z")));
        cases.add(tampering("notafter shortened", "BAD_SIGNATURE", json -> json.put("notafter", "2024-03-01T10:01:00Z")));
        cases.add(tampering("nonce", "BAD_SIGNATURE", json -> json.put("nonce", "AAAAAAAAAAAAAAAAAAAAAA")));
        cases.add(tampering("keyid of another trusted key", "BAD_SIGNATURE", json -> json.put("keyid", OTHER_ISSUER.keyId())));
        cases.add(tampering("keyid unknown", "UNKNOWN_KEY", json -> json.put("keyid", "00000000deadbeef")));
        cases.add(tampering("signature bit flipped", "BAD_SIGNATURE", json -> json.put("signature",
                flipFirstBit(json.get("signature").asText()))));
        cases.add(tampering("signature truncated", "BAD_SIGNATURE",
                json -> json.put("signature", json.get("signature").asText().substring(4))));
        cases.add(tampering("signature not base64url", "BAD_SIGNATURE", json -> json.put("signature", "!!!")));
        cases.add(tampering("signature removed", "UNSIGNED", json -> json.remove("signature")));
        cases.add(tampering("nonce removed", "UNSIGNED", json -> json.remove("nonce")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperingWithAnySignedPartIsRefused(String name, String expected, Consumer<ObjectNode> change) {
        Envelope signed = signer.sign(command("c1"), TTL);

        assertThat(outcome(edit(signed, change))).isEqualTo(expected);
    }

    @Test
    void aRefusedForgeryDoesNotUseUpTheGenuineNonce() {
        Envelope signed = signer.sign(command("c1"), TTL);

        assertThat(outcome(edit(signed, json -> data(json).put("version", "1.4.0")))).isEqualTo("BAD_SIGNATURE");
        assertThat(outcome(codec.encode(signed))).isEqualTo("ACCEPTED");
    }

    @Test
    void formattingKeyOrderAndUnknownFieldsDoNotMatterBecauseTheyAreNotExecuted() throws IOException {
        Envelope signed = signer.sign(command("c1"), TTL);
        ObjectNode json = (ObjectNode) JSON.readTree(codec.encode(signed));
        data(json).put("ignoredByThisAgent", "x");
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("data", json.get("data"));
        json.properties().forEach(field -> reordered.set(field.getKey(), field.getValue()));

        assertThat(outcome(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(reordered))).isEqualTo("ACCEPTED");
    }

    @Test
    void aCommandWithSignedFieldsThisAgentDoesNotKnowIsRefusedRatherThanPartlyExecuted() {
        // A newer issuer signs a data field this version does not have; the control signs the same way without it.
        byte[] control = signOnTheWire(signer.sign(command("c1"), TTL), data -> { });
        byte[] newer = signOnTheWire(signer.sign(command("c1"), TTL), data -> data.put("dryRun", true));

        assertThat(outcome(control)).isEqualTo("ACCEPTED");
        assertThat(outcome(newer)).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void aCommandSignedByAnUntrustedKeyClaimingATrustedKeyIdIsRefused() {
        Envelope claimed = command("c1").withSigning("c1", T0.plus(TTL), "bm9uY2Vub25jZW5vbmNlAA", ISSUER.keyId(), null);
        Envelope forged = claimed.withSignature(
                Base64.getUrlEncoder().withoutPadding().encodeToString(ROGUE.sign(codec.canonical(claimed))));

        assertThat(verifier.verify(forged).reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void aCommandSignedByAnUnknownKeyIsRefused() {
        Envelope signed = new CommandSigner(ROGUE, clock).sign(command("c1"), TTL);

        Verdict verdict = verifier.verify(signed);

        assertThat(verdict.reason()).isEqualTo(RefusalReason.UNKNOWN_KEY);
        assertThat(verdict.detail()).contains(ROGUE.keyId());
    }

    @Test
    void aCommandForAnotherClusterIsRefused() {
        Envelope forC2 = signer.sign(command("c2"), TTL);

        assertThat(verifier.verify(forC2).reason()).isEqualTo(RefusalReason.WRONG_ADDRESSEE);
        assertThat(new CommandVerifier(trusted, clock, MAX_TTL, "c2").verify(forC2).accepted()).isTrue();
    }

    @Test
    void aCommandWhoseAttributeAndDataNameDifferentClustersIsRefusedEvenWhenSigned() {
        Envelope mixed = command("c2").withSigning("c1", T0.plus(TTL), "bm9uY2Vub25jZW5vbmNlAA", ISSUER.keyId(), null);
        Envelope signed = mixed.withSignature(
                Base64.getUrlEncoder().withoutPadding().encodeToString(ISSUER.sign(codec.canonical(mixed))));

        Verdict verdict = verifier.verify(signed);

        assertThat(verdict.reason()).isEqualTo(RefusalReason.WRONG_ADDRESSEE);
        assertThat(verdict.detail()).contains("c2");
    }

    @Test
    void aCommandRedirectedToThisClusterFailsTheSignature() {
        Envelope forC2 = signer.sign(command("c2"), TTL);

        assertThat(outcome(edit(forC2, json -> {
            json.put("clusterid", "c1");
            json.put("subject", "c1");
            data(json).put("clusterId", "c1");
        }))).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void anExpiredCommandIsRefused() {
        Envelope signed = signer.sign(command("c1"), TTL);

        clock.advance(TTL.plusNanos(1));
        Verdict verdict = verifier.verify(signed);

        assertThat(verdict.reason()).isEqualTo(RefusalReason.EXPIRED);
        assertThat(verdict.detail()).contains("2024-03-01T10:05:00Z");
    }

    @Test
    void aCommandIsStillValidAtItsNotAfterInstant() {
        Envelope signed = signer.sign(command("c1"), TTL);

        clock.advance(TTL);

        assertThat(verifier.verify(signed).accepted()).isTrue();
    }

    @Test
    void aReplayIsRefusedWhileTheCommandIsValidAndExpiredAfterwards() {
        Envelope signed = signer.sign(command("c1"), TTL);
        byte[] bytes = codec.encode(signed);

        assertThat(verifier.verify(codec.decode(bytes)).accepted()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier.verify(codec.decode(bytes)).reason()).isEqualTo(RefusalReason.REPLAYED);
        clock.advance(Duration.ofMinutes(10));
        assertThat(verifier.verify(codec.decode(bytes)).reason()).isEqualTo(RefusalReason.EXPIRED);
    }

    @Test
    void anUnsignedCommandIsRefusedNamingWhatIsMissing() {
        Verdict verdict = verifier.verify(command("c1"));

        assertThat(verdict.reason()).isEqualTo(RefusalReason.UNSIGNED);
        assertThat(verdict.detail()).isEqualTo("missing signing attributes: clusterid, notafter, nonce, keyid, signature");
        assertThat(verifier.verify(signer.sign(command("c1"), TTL).withSignature(null)).reason())
                .isEqualTo(RefusalReason.UNSIGNED);
    }

    @Test
    void aCommandValidForLongerThanAllowedIsRefused() {
        assertThat(verifier.verify(signer.sign(command("c1"), MAX_TTL.plusSeconds(1))).reason())
                .isEqualTo(RefusalReason.TTL_TOO_LONG);
        assertThat(verifier.verify(signer.sign(command("c1"), MAX_TTL)).accepted()).isTrue();
    }

    @Test
    void onlyAgentCommandsAreSignedAndAccepted() {
        Envelope pause = Envelope.of("orchestrator", new PauseRoll("plan-1", "c1"), clock);
        assertThatThrownBy(() -> signer.sign(pause, TTL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meshfleet.PauseRoll");

        Envelope claimed = pause.withSigning("c1", T0.plus(TTL), "bm9uY2Vub25jZW5vbmNlAA", ISSUER.keyId(), null);
        Envelope signed = claimed.withSignature(
                Base64.getUrlEncoder().withoutPadding().encodeToString(ISSUER.sign(codec.canonical(claimed))));
        assertThat(verifier.verify(signed).reason()).isEqualTo(RefusalReason.NOT_AGENT_COMMAND);
    }

    @Test
    void signerAndVerifierRefuseNonsenseDurations() {
        assertThatThrownBy(() -> signer.sign(command("c1"), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandVerifier(trusted, clock, Duration.ofSeconds(-1), "c1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verdictsCarryAReasonExactlyWhenTheyRefuse() {
        assertThat(Verdict.accept().reason()).isNull();
        assertThat(Verdict.refuse(RefusalReason.REPLAYED, "again").accepted()).isFalse();
        assertThatThrownBy(() -> new Verdict(true, RefusalReason.REPLAYED, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict(false, null, "")).isInstanceOf(IllegalArgumentException.class);
    }

    private Envelope command(String clusterId) {
        return Envelope.of("orchestrator", Samples.install(clusterId), clock)
                .withPlan("plan-1")
                .withCorrelation("4f1c3a2e-0000-4000-8000-000000000001");
    }

    /** What an agent does with the bytes: ACCEPTED, a refusal reason, or "undecodable REASON". */
    private String outcome(byte[] bytes) {
        Envelope envelope;
        try {
            envelope = codec.decode(bytes);
        } catch (UndecodableMessageException e) {
            return "undecodable " + e.reason();
        }
        Verdict verdict = verifier.verify(envelope);
        return verdict.accepted() ? "ACCEPTED" : verdict.reason().name();
    }

    private byte[] edit(Envelope envelope, Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(codec.encode(envelope));
            change.accept(json);
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Signs the sorted, compact JSON of the envelope with {@code change} applied to its data, as another implementation would. */
    private byte[] signOnTheWire(Envelope envelope, Consumer<ObjectNode> change) {
        try {
            ObjectNode wire = (ObjectNode) JSON.readTree(codec.encode(envelope.withSignature(null)));
            change.accept(data(wire));
            byte[] canonical = JSON.writeValueAsBytes(sortedCopy(wire));
            wire.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(ISSUER.sign(canonical)));
            return JSON.writeValueAsBytes(wire);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Arguments tampering(String name, String expected, Consumer<ObjectNode> change) {
        return Arguments.of(name, expected, change);
    }

    private static ObjectNode data(ObjectNode json) {
        return (ObjectNode) json.get("data");
    }

    private static String flipFirstBit(String base64url) {
        byte[] bytes = Base64.getUrlDecoder().decode(base64url);
        bytes[0] ^= 1;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ObjectNode sortedCopy(ObjectNode node) {
        ObjectNode copy = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            copy.set(name, node.get(name).isObject() ? sortedCopy((ObjectNode) node.get(name)) : node.get(name));
        }
        return copy;
    }
}
