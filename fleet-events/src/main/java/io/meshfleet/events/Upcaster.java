package io.meshfleet.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rewrites the {@code data} JSON of one message type from one data version to the next, so that a
 * consumer can bind a message an older producer wrote to the current record.
 *
 * <p>An upcaster is registered in {@link MessageTypes} for a (type, fromVersion) pair and turns version
 * {@code fromVersion} into {@code fromVersion + 1}; the codec chains them up to the current version.
 * It is a pure data transformation: no clock, no configuration, no I/O, so that every consumer reads
 * an old message the same way. Once released it never changes, because it describes what an old
 * message meant.
 */
@FunctionalInterface
public interface Upcaster {

    /**
     * The data of the next version that means what {@code data} of the older version meant.
     *
     * @param data the data object of the older version; a copy owned by this call, which may change
     *             and return it
     * @return the data object of the next version; unknown fields may stay, the decoder ignores them
     */
    JsonNode upcast(JsonNode data);
}
