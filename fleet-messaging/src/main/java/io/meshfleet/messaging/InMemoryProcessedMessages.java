package io.meshfleet.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link ProcessedMessages} held in memory: the last {@code capacity} ids per consumer, oldest
 * forgotten first. Bounded, and lost on restart; for services whose handlers are idempotent by
 * themselves and need only cheap protection against redelivery bursts.
 */
public final class InMemoryProcessedMessages implements ProcessedMessages {

    private final int capacity;
    private final Map<String, Map<String, Boolean>> byConsumer = new LinkedHashMap<>();

    public InMemoryProcessedMessages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean contains(String consumer, String messageId) {
        Map<String, Boolean> ids = byConsumer.get(consumer);
        return ids != null && ids.containsKey(messageId);
    }

    @Override
    public synchronized void add(String consumer, String messageId) {
        byConsumer.computeIfAbsent(consumer, c -> new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }).put(messageId, Boolean.TRUE);
    }
}
