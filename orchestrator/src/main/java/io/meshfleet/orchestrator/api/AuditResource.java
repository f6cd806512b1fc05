package io.meshfleet.orchestrator.api;

import io.meshfleet.orchestrator.audit.AuditEntry;
import io.meshfleet.orchestrator.audit.AuditPage;
import io.meshfleet.orchestrator.audit.AuditQuery;
import io.meshfleet.orchestrator.audit.AuditTrail;
import io.meshfleet.orchestrator.audit.Verification;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail over REST: filtered pages with a cursor, JSON Lines and CSV export, chain verification. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
public class AuditResource {

    private static final String CSV_HEADER = "seq,at,actor,plan_id,wave,cluster_id,namespace,type,from,to,reason,"
            + "correlation_id,prev_hash,hash";

    private final AuditTrail audit;
    private final ObjectMapper json;

    AuditResource(AuditTrail audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GET
    @Operation(summary = "A page of audit entries in trail order, filtered by plan, cluster, actor, type and time "
            + "range [from, to); pass nextCursor as cursor for the next page")
    public AuditPage page(@QueryParam("plan") String plan, @QueryParam("cluster") String cluster,
                          @QueryParam("actor") String actor, @QueryParam("type") String type,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("cursor") Long cursor, @QueryParam("limit") Integer limit) {
        return audit.page(query(plan, cluster, actor, type, from, to, cursor, limit == null ? 100 : limit));
    }

    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "text/csv"})
    @Operation(summary = "Every matching entry as JSON Lines (format=jsonl, the default) or CSV (format=csv)")
    public Response export(@QueryParam("format") String format, @QueryParam("plan") String plan,
                           @QueryParam("cluster") String cluster, @QueryParam("actor") String actor,
                           @QueryParam("type") String type, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        boolean csv = "csv".equalsIgnoreCase(format);
        if (format != null && !csv && !"jsonl".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("format must be jsonl or csv, was " + format);
        }
        AuditQuery query = query(plan, cluster, actor, type, from, to, null, 1);
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(CSV_HEADER + "\n");
            }
            try {
                audit.stream(query, entry -> {
                    try {
                        writer.write(csv ? csvLine(entry) : json.writeValueAsString(entry));
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body, csv ? "text/csv" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit." + (csv ? "csv" : "jsonl") + "\"")
                .build();
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the hash chain; reports the first entry whose content or link is broken")
    public Verification verify() {
        return audit.verify();
    }

    private static AuditQuery query(String plan, String cluster, String actor, String type, String from, String to,
                                    Long cursor, int limit) {
        return new AuditQuery(blank(plan), blank(cluster), blank(actor), blank(type), instant("from", from),
                instant("to", to), cursor == null ? 0 : cursor, limit);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String name, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant like 2026-11-27T00:00:00Z, was "
                    + value);
        }
    }

    static String csvLine(AuditEntry e) {
        return String.join(",", Long.toString(e.seq()), e.at().toString(), csv(e.actor()), csv(e.planId()),
                e.wave() == null ? "" : e.wave().toString(), csv(e.clusterId()), csv(e.namespace()), csv(e.type()),
                csv(e.from()), csv(e.to()), csv(e.reason()), csv(e.correlationId()), e.prevHash(), e.hash());
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
