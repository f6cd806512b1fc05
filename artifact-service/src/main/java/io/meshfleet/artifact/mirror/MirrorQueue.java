package io.meshfleet.artifact.mirror;

import io.meshfleet.events.MirrorRelease;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The durable queue of mirror requests, deduplicated by request (message) id. */
@ApplicationScoped
public class MirrorQueue {

    /** Status of a request that was accepted and waits for the mirror to fetch and verify it. */
    public static final String QUEUED = "QUEUED";

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
        return true;
    }

    /** Every request, newest first. */
    @Transactional
    public List<MirrorRequestEntity> all() {
        return MirrorRequestEntity.listAll(Sort.descending("requestedAt"));
    }
}
