package io.meshfleet.fleetctl.deadletters;

import io.meshfleet.events.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One record read from a dead-letter topic, without Kafka types: where it sits, its headers, key and value.
 *
 * @param topic the dead-letter topic it was read from
 * @param partition its partition there
 * @param offset its offset there
 * @param timestamp the record's Kafka timestamp, or {@code null} when it has none
 * @param headers every header, in record order (the original ones and the {@link DeadLetter} ones)
 * @param key the key bytes, or {@code null}
 * @param value the value bytes, or {@code null}
 */
public record DeadLetterRecord(
        String topic, int partition, long offset, Instant timestamp, List<Header> headers, byte[] key, byte[] value) {

    /** Oldest first by {@link #time()}, then by position in the dead-letter topics. */
    public static final Comparator<DeadLetterRecord> CHRONOLOGICAL = Comparator
            .comparing((DeadLetterRecord r) -> r.time().orElse(Instant.MIN))
            .thenComparing(DeadLetterRecord::topic)
            .thenComparingInt(DeadLetterRecord::partition)
            .thenComparingLong(DeadLetterRecord::offset);

    /** One Kafka header: a name and its raw value ({@code null} allowed, as Kafka allows it). */
    public record Header(String name, byte[] value) {

        /** Requires a name. */
        public Header {
            Objects.requireNonNull(name, "header name is required");
        }

        /** The value as text when it is valid UTF-8. */
        public Optional<String> text() {
            return utf8(value);
        }
    }

    /** Requires the location and copies the header list. */
    public DeadLetterRecord {
        Objects.requireNonNull(topic, "topic is required");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers are required"));
    }

    /** The text of the last header named {@code name}, when present and valid UTF-8. */
    public Optional<String> header(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            Header header = headers.get(i);
            if (header.name().equals(name)) {
                return header.text();
            }
        }
        return Optional.empty();
    }

    /** The {@link DeadLetter#REASON} header. */
    public Optional<String> reason() {
        return header(DeadLetter.REASON);
    }

    /** The {@link DeadLetter#DETAIL} header. */
    public Optional<String> detail() {
        return header(DeadLetter.DETAIL);
    }

    /** The {@link DeadLetter#SERVICE} header. */
    public Optional<String> service() {
        return header(DeadLetter.SERVICE);
    }

    /** The {@link DeadLetter#CONSUMER} header. */
    public Optional<String> consumer() {
        return header(DeadLetter.CONSUMER);
    }

    /** The {@link DeadLetter#SOURCE_TOPIC} header. */
    public Optional<String> sourceTopic() {
        return header(DeadLetter.SOURCE_TOPIC);
    }

    /** The {@link DeadLetter#SOURCE_PARTITION} header, when it is a number. */
    public OptionalLong sourcePartition() {
        return number(header(DeadLetter.SOURCE_PARTITION));
    }

    /** The {@link DeadLetter#SOURCE_OFFSET} header, when it is a number. */
    public OptionalLong sourceOffset() {
        return number(header(DeadLetter.SOURCE_OFFSET));
    }

    /** Where the record came from, {@code topic-partition@offset}, with {@code ?} for what the headers lack. */
    public String source() {
        return sourceTopic().orElse("?") + "-" + text(sourcePartition()) + "@" + text(sourceOffset());
    }

    /** When it was dead-lettered: the {@link DeadLetter#TIME} header, else the record's Kafka timestamp. */
    public Optional<Instant> time() {
        return header(DeadLetter.TIME).flatMap(DeadLetterRecord::parseTime).or(() -> Optional.ofNullable(timestamp));
    }

    /** The key as text when it is valid UTF-8. */
    public Optional<String> keyText() {
        return utf8(key);
    }

    /** The value as text when it is valid UTF-8. */
    public Optional<String> valueText() {
        return utf8(value);
    }

    /** The decoded text of {@code bytes} when they are strictly valid UTF-8; empty for {@code null} or invalid. */
    static Optional<String> utf8(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseTime(String text) {
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
            } catch (DateTimeParseException notADateTime) {
                return Optional.empty();
            }
        }
    }

    private static OptionalLong number(Optional<String> text) {
        try {
            return text.map(t -> OptionalLong.of(Long.parseLong(t.strip()))).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String text(OptionalLong number) {
        return number.isPresent() ? Long.toString(number.getAsLong()) : "?";
    }
}
