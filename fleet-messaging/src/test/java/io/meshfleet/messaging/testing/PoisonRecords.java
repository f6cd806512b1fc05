package io.meshfleet.messaging.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The kinds of bad record a consumer must survive, each built from a valid envelope of the type the
 * consumer takes, with the dead-letter reason it must produce.
 */
public final class PoisonRecords {

    /** One bad record and the reason it must be dead-lettered with. */
    public record Poison(String name, byte[] value, DeadLetter.Reason expected) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private PoisonRecords() {
    }

    /**
     * Malformed JSON, an unknown type, a missing and a wrong-typed required field (named {@code field}
     * in {@code good}'s data), an unsupported data version and a record larger than {@code maxBytes}.
     * Each poison gets a fresh message id, so none of them is a duplicate of another.
     */
    public static List<Poison> of(Envelope good, String field, int maxBytes) {
        List<Poison> poisons = new ArrayList<>();
        poisons.add(new Poison("malformed JSON", "{\"id\": \"x\", ".getBytes(StandardCharsets.UTF_8),
                DeadLetter.Reason.MALFORMED_JSON));
        poisons.add(new Poison("unknown type", edit(good, env -> env.put("type", "meshfleet.NoSuchMessage")),
                DeadLetter.Reason.UNKNOWN_TYPE));
        poisons.add(new Poison("missing field", edit(good, env -> ((ObjectNode) env.get("data")).remove(field)),
                DeadLetter.Reason.INVALID_FIELDS));
        poisons.add(new Poison("wrong-typed field",
                edit(good, env -> ((ObjectNode) env.get("data")).set(field, JSON.createArrayNode().add(42))),
                DeadLetter.Reason.INVALID_FIELDS));
        poisons.add(new Poison("unsupported data version", edit(good, env -> env.put("dataversion", 99)),
                DeadLetter.Reason.UNSUPPORTED_VERSION));
        byte[] oversized = new byte[maxBytes + 1];
        Arrays.fill(oversized, (byte) ' ');
        byte[] envelope = CODEC.encode(good);
        System.arraycopy(envelope, 0, oversized, 0, envelope.length);
        poisons.add(new Poison("oversized record", oversized, DeadLetter.Reason.OVERSIZED));
        return List.copyOf(poisons);
    }

    private interface Edit {
        void apply(ObjectNode envelope);
    }

    private static byte[] edit(Envelope good, Edit edit) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(CODEC.encode(good));
            tree.set("id", TextNode.valueOf(UUID.randomUUID().toString()));
            edit.apply(tree);
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON of an encoded envelope, for assertions. */
    public static JsonNode tree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
