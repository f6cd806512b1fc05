package io.meshfleet.artifact.mirror;

import io.meshfleet.events.MirrorRelease;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of mirror requests, deduplicated by request (message) id. A request goes
 * {@code QUEUED -> RUNNING -> DONE | FAILED}; one found {@code RUNNING} at start was cut short by a
 * crash and is taken up again (its partial downloads resume).
 */
@ApplicationScoped
public class MirrorQueue {

    /** Accepted; waits for the mirror worker. */
    public static final String QUEUED = "QUEUED";
    /** The mirror worker is fetching and verifying it. */
    public static final String RUNNING = "RUNNING";
    /** Every platform verified and published. */
    public static final String DONE = "DONE";
    /** At least one platform was rejected; {@code detail} says why. */
    public static final String FAILED = "FAILED";

    /** Fired when a request was queued, delivered to observers once the transaction commits. */
    public record Enqueued(String requestId) {
    }

    private final Event<Enqueued> enqueued;

    MirrorQueue(Event<Enqueued> enqueued) {
        this.enqueued = enqueued;
    }

    /**
     * Queues a valid request.
     *
     * @return false when a request with this id was already queued (a redelivery)
     */
    @Transactional
    public boolean enqueue(String requestId, MirrorRelease request, String requestedBy, String correlationId,
            Instant now) {
        if (MirrorRequestEntity.findById(requestId) != null) {
            return false;
        }
        MirrorRequestEntity row = new MirrorRequestEntity();
        row.requestId = requestId;
        row.version = request.version();
        row.platforms = request.platforms();
        row.source = request.source();
        row.status = QUEUED;
        row.requestedBy = requestedBy;
        row.requestedAt = now;
        row.correlationId = correlationId;
        row.persist();
        enqueued.fire(new Enqueued(requestId));
        return true;
    }

    /** The oldest request waiting (or cut short by a crash), now marked RUNNING. */
    @Transactional
    public Optional<MirrorRequestEntity> claimNext(Instant now) {
        Optional<MirrorRequestEntity> next = MirrorRequestEntity
                .<MirrorRequestEntity>find("status in ?1", Sort.ascending("requestedAt"), List.of(QUEUED, RUNNING))
                .firstResultOptional();
        next.ifPresent(row -> {
            if (row.startedAt == null) {
                row.startedAt = now;
            }
            row.status = RUNNING;
        });
        return next;
    }

    /** Records how a request ended. */
    @Transactional
    public void finish(String requestId, boolean allVerified, String detail, Instant now) {
        MirrorRequestEntity row = MirrorRequestEntity.findById(requestId);
        row.status = allVerified ? DONE : FAILED;
        row.detail = detail;
        row.finishedAt = now;
    }

    /** One request. */
    @Transactional
    public Optional<MirrorRequestEntity> find(String requestId) {
        return MirrorRequestEntity.findByIdOptional(requestId);
    }

    /** Every request, newest first. */
    @Transactional
    public List<MirrorRequestEntity> all() {
        return MirrorRequestEntity.listAll(Sort.descending("requestedAt"));
    }
}
