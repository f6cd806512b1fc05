package io.meshfleet.fleetctl.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Formats a dead letter as one line of JSON (JSON Lines): the {@code meshfleet.dlq.*} headers as fields, every header
 * under {@code headers}, the key and the value as UTF-8 text when they are valid UTF-8, else base64.
 */
public final class DeadLetterJson {

    /** {@code keyEncoding} / {@code valueEncoding} of text that was valid UTF-8. */
    public static final String UTF8 = "utf-8";
    /** {@code keyEncoding} / {@code valueEncoding} of bytes that were not valid UTF-8. */
    public static final String BASE64 = "base64";

    /** Non-ASCII characters are escaped, so each line is plain ASCII whatever the terminal's charset. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private DeadLetterJson() {
    }

    /** One JSON object, on one line, without the line break. */
    public static String format(DeadLetterRecord record) {
        JsonNodeFactory json = MAPPER.getNodeFactory();
        ObjectNode line = json.objectNode();
        line.put("time", record.time().map(Object::toString).orElse(null));
        line.put("reason", record.reason().orElse(null));
        line.put("detail", record.detail().orElse(null));
        line.put("service", record.service().orElse(null));
        line.put("consumer", record.consumer().orElse(null));
        line.put("sourceTopic", record.sourceTopic().orElse(null));
        putNumber(line, "sourcePartition", record.sourcePartition());
        putNumber(line, "sourceOffset", record.sourceOffset());
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp() == null ? null : record.timestamp().toString());
        putBytes(line, "key", record.key(), record.keyText());
        putBytes(line, "value", record.value(), record.valueText());
        line.put("valueBytes", record.value() == null ? 0 : record.value().length);
        ObjectNode headers = line.putObject("headers");
        for (DeadLetterRecord.Header header : record.headers()) {
            if (header.value() == null) {
                headers.putNull(header.name());
            } else {
                Optional<String> text = header.text();
                if (text.isPresent()) {
                    headers.put(header.name(), text.get());
                } else {
                    headers.putObject(header.name()).put(BASE64, Base64.getEncoder().encodeToString(header.value()));
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a dead letter as JSON", e);
        }
    }

    private static void putNumber(ObjectNode line, String field, OptionalLong number) {
        if (number.isPresent()) {
            line.put(field, number.getAsLong());
        } else {
            line.putNull(field);
        }
    }

    private static void putBytes(ObjectNode line, String field, byte[] bytes, Optional<String> text) {
        if (bytes == null) {
            line.putNull(field);
            line.putNull(field + "Encoding");
        } else if (text.isPresent()) {
            line.put(field, text.get());
            line.put(field + "Encoding", UTF8);
        } else {
            line.put(field, Base64.getEncoder().encodeToString(bytes));
            line.put(field + "Encoding", BASE64);
        }
    }
}
