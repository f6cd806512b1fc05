package io.meshfleet.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshfleet.events.UndecodableMessageException.Reason;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Turns envelopes into JSON bytes and back, and computes the canonical form that command signatures cover.
 *
 * <p>The JSON is plain, so that {@code kcat} shows readable records: CloudEvents attributes at the top
 * level (lowercase names, null ones omitted, times as ISO-8601 strings), the record's fields under
 * {@code data}, and no type information other than the {@code type} attribute. Decoding is strict about
 * what it understands (JSON types are not coerced, duplicate keys are refused) and lenient about what it
 * does not: unknown attributes and unknown data fields are ignored. Every input it cannot turn into a
 * valid envelope fails with an {@link UndecodableMessageException} whose {@link Reason} decides the
 * dead-letter handling.
 *
 * <p>Data versions: {@link #encode} writes the current {@code dataversion} of each type, the only one an
 * {@link Envelope} can hold. {@link #decode} also reads the older versions the type's {@link Upcaster}s
 * reach (see {@link MessageTypes.MessageType}): it rewrites the old {@code data} JSON into the current
 * shape and binds that, so the decoded envelope is in the current version. Any other version, including
 * a newer one, is {@link Reason#UNSUPPORTED_VERSION}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EnvelopeCodec {

    /** The default size limit of an encoded envelope: 1 MiB, Kafka's default maximum record size. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    static final String SPECVERSION = "specversion";
    static final String ID = "id";
    static final String TYPE = "type";
    static final String SOURCE = "source";
    static final String TIME = "time";
    static final String SUBJECT = "subject";
    static final String PLANID = "planid";
    static final String CORRELATIONID = "correlationid";
    static final String DATAVERSION = "dataversion";
    static final String CLUSTERID = "clusterid";
    static final String NOTAFTER = "notafter";
    static final String NONCE = "nonce";
    static final String KEYID = "keyid";
    static final String SIGNATURE = "signature";
    static final String DATA = "data";

    private static final int MAX_DETAIL_CHARS = 400;

    private static final JsonMapper MAPPER = createMapper();

    private final int maxBytes;

    /** A codec with the {@linkplain #DEFAULT_MAX_BYTES default size limit}. */
    public EnvelopeCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    /** A codec refusing encoded envelopes larger than {@code maxBytes}. */
    public EnvelopeCodec(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The size limit in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * The envelope as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when the result exceeds the size limit, so that a producer fails
     *                                  instead of publishing a record every consumer dead-letters
     */
    public byte[] encode(Envelope envelope) {
        byte[] bytes = write(toTree(envelope, true));
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException("encoded " + envelope.type() + " is " + bytes.length
                    + " bytes, over the limit of " + maxBytes);
        }
        return bytes;
    }

    /**
     * The envelope encoded in {@code bytes}.
     *
     * @param bytes a record value; null (a Kafka tombstone) is reported as {@link Reason#MALFORMED_JSON}
     * @throws UndecodableMessageException for every input that is not a valid envelope, never another exception
     */
    public Envelope decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UndecodableMessageException(Reason.MALFORMED_JSON, "empty record");
        }
        if (bytes.length > maxBytes) {
            throw new UndecodableMessageException(Reason.OVERSIZED,
                    bytes.length + " bytes, over the limit of " + maxBytes);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UndecodableMessageException(Reason.MALFORMED_JSON, clip(e.getOriginalMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableMessageException(Reason.MALFORMED_JSON, clip(String.valueOf(e.getMessage())), e);
        }
        if (root == null || !root.isObject()) {
            throw new UndecodableMessageException(Reason.MALFORMED_JSON, "not a JSON object");
        }
        return fromTree((ObjectNode) root);
    }

    /**
     * The canonical form of an envelope, the exact bytes an Ed25519 command signature covers.
     *
     * <p>It is the JSON {@link #encode} writes, with these rules: the {@code signature} attribute is left
     * out; null attributes and null data fields are left out; object keys are sorted recursively by
     * Java {@link String} order (UTF-16 code units, as in RFC 8785); array order is kept; there is no
     * whitespace between tokens; strings are escaped minimally (quote, backslash, control characters)
     * and everything else is written as UTF-8; times are ISO-8601 UTC strings as {@link Instant#toString()}
     * writes them; numbers are integers or decimals as {@link java.math.BigDecimal#toString()} writes
     * them. Contracts carry no binary floating-point numbers, so no number has two spellings.
     *
     * <p>The form is computed from the decoded envelope, not from the received bytes, so it covers
     * exactly what the receiver understood: a command carrying data fields the receiver does not know
     * fails verification instead of running with those fields silently dropped. For the same reason an
     * upcast envelope, being in the current version, has a different form from the one its producer
     * signed, which is why agent commands have no upcasters.
     */
    public byte[] canonical(Envelope envelope) {
        return write(sorted(toTree(envelope, false)));
    }

    private static ObjectNode toTree(Envelope e, boolean withSignature) {
        Objects.requireNonNull(e, "envelope is required");
        ObjectNode node = MAPPER.createObjectNode();
        node.put(SPECVERSION, e.specversion());
        node.put(ID, e.id());
        node.put(TYPE, e.type());
        node.put(SOURCE, e.source());
        node.put(TIME, e.time().toString());
        node.put(SUBJECT, e.subject());
        putIfPresent(node, PLANID, e.planId());
        putIfPresent(node, CORRELATIONID, e.correlationId());
        node.put(DATAVERSION, e.dataversion());
        putIfPresent(node, CLUSTERID, e.clusterId());
        putIfPresent(node, NOTAFTER, e.notAfter() == null ? null : e.notAfter().toString());
        putIfPresent(node, NONCE, e.nonce());
        putIfPresent(node, KEYID, e.keyId());
        if (withSignature) {
            putIfPresent(node, SIGNATURE, e.signature());
        }
        node.set(DATA, MAPPER.valueToTree(e.data()));
        return node;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static Envelope fromTree(ObjectNode root) {
        String specversion = requiredText(root, SPECVERSION);
        if (!Envelope.SPEC_VERSION.equals(specversion)) {
            throw new UndecodableMessageException(Reason.UNSUPPORTED_VERSION,
                    "specversion " + clip(specversion) + " is not supported, only " + Envelope.SPEC_VERSION);
        }
        String typeName = requiredText(root, TYPE);
        MessageTypes.MessageType type = MessageTypes.byName(typeName).orElseThrow(() ->
                new UndecodableMessageException(Reason.UNKNOWN_TYPE, "type " + clip(typeName) + " is not registered"));
        JsonNode versionNode = root.get(DATAVERSION);
        if (versionNode == null || versionNode.isNull()) {
            throw invalid("attribute " + DATAVERSION + " is required");
        }
        if (!versionNode.isIntegralNumber() || !versionNode.canConvertToInt()) {
            throw invalid("attribute " + DATAVERSION + " must be an integer");
        }
        int dataversion = versionNode.intValue();
        if (!type.accepts(dataversion)) {
            String hint = dataversion > type.dataVersion() ? "; upgrade this consumer before its producers" : "";
            throw new UndecodableMessageException(Reason.UNSUPPORTED_VERSION, "dataversion " + dataversion
                    + " of " + typeName + " is not supported, only " + type.oldestDataVersion() + " to "
                    + type.dataVersion() + hint);
        }
        JsonNode dataNode = root.get(DATA);
        if (dataNode == null || !dataNode.isObject()) {
            throw invalid("attribute " + DATA + " must be a JSON object");
        }
        Message data = readData(upcast(dataNode, dataversion, type), type);
        try {
            return new Envelope(
                    specversion,
                    requiredText(root, ID),
                    typeName,
                    requiredText(root, SOURCE),
                    requiredInstant(root, TIME),
                    requiredText(root, SUBJECT),
                    optionalText(root, PLANID),
                    optionalText(root, CORRELATIONID),
                    type.dataVersion(),
                    data,
                    optionalText(root, CLUSTERID),
                    optionalInstant(root, NOTAFTER),
                    optionalText(root, NONCE),
                    optionalText(root, KEYID),
                    optionalText(root, SIGNATURE));
        } catch (UndecodableMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UndecodableMessageException(Reason.INVALID_FIELDS, clip(String.valueOf(e.getMessage())), e);
        }
    }

    private static JsonNode upcast(JsonNode dataNode, int dataversion, MessageTypes.MessageType type) {
        if (dataversion == type.dataVersion()) {
            return dataNode;
        }
        try {
            return type.upcast(dataversion, dataNode);
        } catch (RuntimeException e) {
            // An upcaster meeting data its version never had (a field of the wrong JSON type, say): the
            // record is as invalid as one failing the record's own checks.
            throw new UndecodableMessageException(Reason.INVALID_FIELDS, DATA + " (dataversion " + dataversion
                    + " upcast to " + type.dataVersion() + "): " + clip(String.valueOf(e.getMessage())), e);
        }
    }

    private static Message readData(JsonNode dataNode, MessageTypes.MessageType type) {
        try {
            return MAPPER.treeToValue(dataNode, type.recordClass());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new UndecodableMessageException(Reason.INVALID_FIELDS, path(e) + ": invalid "
                    + e.getType().getRawClass().getSimpleName() + ": " + clip(String.valueOf(cause.getMessage())), e);
        } catch (JsonMappingException e) {
            throw new UndecodableMessageException(Reason.INVALID_FIELDS, path(e) + ": " + clip(e.getOriginalMessage()), e);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UndecodableMessageException(Reason.INVALID_FIELDS, DATA + ": " + clip(String.valueOf(e.getMessage())), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder(DATA);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String requiredText(ObjectNode root, String name) {
        String value = optionalText(root, name);
        if (value == null) {
            throw invalid("attribute " + name + " is required");
        }
        return value;
    }

    private static String optionalText(ObjectNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("attribute " + name + " must be a string");
        }
        return node.textValue();
    }

    private static Instant requiredInstant(ObjectNode root, String name) {
        Instant value = optionalInstant(root, name);
        if (value == null) {
            throw invalid("attribute " + name + " is required");
        }
        return value;
    }

    private static Instant optionalInstant(ObjectNode root, String name) {
        String text = optionalText(root, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("attribute " + name + " must be an ISO-8601 instant such as 2020-11-05T10:15:30Z, was " + clip(text));
        }
    }

    private static UndecodableMessageException invalid(String message) {
        return new UndecodableMessageException(Reason.INVALID_FIELDS, message);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = MAPPER.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                copy.add(sorted(it.next()));
            }
            return copy;
        }
        return node;
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String clip(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "...";
    }

    /** Instants in data are ISO-8601 strings, as in the envelope attributes; no epoch numbers. */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return Instant.parse(p.getText());
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                        "not an ISO-8601 instant such as 2020-11-05T10:15:30Z");
            }
        }
    }

    private static JsonMapper createMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("meshfleet-strict-instants").addDeserializer(Instant.class, new IsoInstant()))
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        // A missing or null primitive is a missing required field, not a zero.
        for (Class<?> primitive : List.of(int.class, long.class, boolean.class)) {
            mapper.configOverride(primitive).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
        }
        // Strings stay strings: no numbers or booleans where text is expected.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
