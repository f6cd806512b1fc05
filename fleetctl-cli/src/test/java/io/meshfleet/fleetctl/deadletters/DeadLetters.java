package io.meshfleet.fleetctl.deadletters;

import io.meshfleet.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test data: dead-letter records and their headers, as a service would write them. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** The {@link DeadLetter} headers of one dead letter, then {@code extra} (name, value, name, value...). */
    static List<DeadLetterRecord.Header> headers(DeadLetter.Reason reason, String detail, String sourceTopic,
            int sourcePartition, long sourceOffset, String service, String consumer, Instant time, String... extra) {
        List<DeadLetterRecord.Header> headers = new ArrayList<>();
        for (int i = 0; i < extra.length; i += 2) {
            headers.add(header(extra[i], extra[i + 1]));
        }
        headers.add(header(DeadLetter.REASON, reason.name()));
        headers.add(header(DeadLetter.DETAIL, detail));
        headers.add(header(DeadLetter.SOURCE_TOPIC, sourceTopic));
        headers.add(header(DeadLetter.SOURCE_PARTITION, Integer.toString(sourcePartition)));
        headers.add(header(DeadLetter.SOURCE_OFFSET, Long.toString(sourceOffset)));
        headers.add(header(DeadLetter.SERVICE, service));
        headers.add(header(DeadLetter.CONSUMER, consumer));
        headers.add(header(DeadLetter.TIME, time.toString()));
        return headers;
    }

    static DeadLetterRecord.Header header(String name, String value) {
        return new DeadLetterRecord.Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
