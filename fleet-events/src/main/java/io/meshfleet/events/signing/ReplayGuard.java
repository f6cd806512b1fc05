package io.meshfleet.events.signing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Remembers the nonces of accepted commands until their notafter instant, so that a command runs at most
 * once while it is valid.
 *
 * <p>A nonce is forgotten once its command has expired, because the expiry check refuses such a command
 * anyway; memory is therefore bounded by the command rate times the verifier's maximum TTL. Expired
 * entries are evicted on each call. Memory does not survive a restart: a command delivered again after an
 * agent restart, before it expires, passes this guard, which is one reason agent commands are written to
 * be idempotent (level-triggered). Thread-safe.
 */
public final class ReplayGuard {

    private record Entry(Instant notAfter, String nonce) {
    }

    private final Map<String, Instant> seen = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> a.notAfter().compareTo(b.notAfter()));

    /**
     * Records {@code nonce} until {@code notAfter} and says whether it was new.
     *
     * @param nonce    the command's nonce
     * @param notAfter the command's notafter instant: the nonce is remembered until then
     * @param now      the current instant, from the caller's clock
     * @return true when the nonce was not seen before (the command may run), false for a replay
     */
    public synchronized boolean firstSeen(String nonce, Instant notAfter, Instant now) {
        Objects.requireNonNull(nonce, "nonce is required");
        Objects.requireNonNull(notAfter, "notAfter is required");
        Objects.requireNonNull(now, "now is required");
        evictExpired(now);
        if (seen.containsKey(nonce)) {
            return false;
        }
        seen.put(nonce, notAfter);
        byExpiry.add(new Entry(notAfter, nonce));
        return true;
    }

    /** The number of nonces remembered, after evicting those expired at {@code now}. */
    public synchronized int size(Instant now) {
        evictExpired(now);
        return seen.size();
    }

    private void evictExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().notAfter().isBefore(now)) {
            seen.remove(byExpiry.poll().nonce());
        }
    }
}
