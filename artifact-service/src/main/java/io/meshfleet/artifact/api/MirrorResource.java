package io.meshfleet.artifact.api;

import io.meshfleet.artifact.mirror.MirrorIntake;
import io.meshfleet.artifact.mirror.MirrorQueue;
import io.meshfleet.artifact.mirror.MirrorRequestEntity;
import io.meshfleet.events.MirrorRelease;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Mirror requests over REST: the same intake as the {@code MirrorRelease} command on Kafka. */
@Path("/api/v1/mirrors")
@Produces(MediaType.APPLICATION_JSON)
public class MirrorResource {

    /** A mirror request as the API shows it. */
    public record MirrorRequestView(String requestId, String version, List<String> platforms, String source,
            String status, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
            String detail) {
        static MirrorRequestView of(MirrorRequestEntity row) {
            return new MirrorRequestView(row.requestId, row.version, row.platforms, row.source, row.status,
                    row.requestedBy, row.requestedAt, row.startedAt, row.finishedAt, row.detail);
        }
    }

    private final MirrorIntake intake;
    private final MirrorQueue queue;

    MirrorResource(MirrorIntake intake, MirrorQueue queue) {
        this.intake = intake;
        this.queue = queue;
    }

    @GET
    @Operation(summary = "Every mirror request, newest first")
    public List<MirrorRequestView> list() {
        return queue.all().stream().map(MirrorRequestView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a release mirror; an Idempotency-Key header makes retries safe")
    public Response request(MirrorRelease request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String requestId = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : idempotencyKey;
        MirrorIntake.Outcome outcome = intake.submit(requestId, request, "rest", null);
        if (outcome instanceof MirrorIntake.Outcome.Invalid invalid) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("problems", invalid.problems())).build();
        }
        return Response.accepted(Map.of("requestId", requestId,
                "duplicate", outcome instanceof MirrorIntake.Outcome.Duplicate)).build();
    }
}
