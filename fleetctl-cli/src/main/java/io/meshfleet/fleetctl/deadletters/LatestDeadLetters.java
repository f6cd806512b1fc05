package io.meshfleet.fleetctl.deadletters;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the {@code limit} latest dead letters offered, in bounded memory, and counts all of them. */
final class LatestDeadLetters {

    private final int limit;
    private final PriorityQueue<DeadLetterRecord> oldestFirst = new PriorityQueue<>(DeadLetterRecord.CHRONOLOGICAL);
    private long offered;

    LatestDeadLetters(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        this.limit = limit;
    }

    void add(DeadLetterRecord record) {
        offered++;
        oldestFirst.add(record);
        if (oldestFirst.size() > limit) {
            oldestFirst.poll();
        }
    }

    /** How many were offered, kept or not. */
    long offered() {
        return offered;
    }

    /** The kept ones, oldest first. */
    List<DeadLetterRecord> chronological() {
        List<DeadLetterRecord> kept = new ArrayList<>(oldestFirst);
        kept.sort(DeadLetterRecord.CHRONOLOGICAL);
        return kept;
    }
}
