package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.api.AuditResource;
import io.meshfleet.orchestrator.api.Roles;
import io.meshfleet.orchestrator.audit.AuditEntry;
import io.meshfleet.orchestrator.audit.AuditPage;
import io.meshfleet.orchestrator.audit.AuditQuery;
import io.meshfleet.orchestrator.audit.AuditTrail;
import io.meshfleet.orchestrator.audit.Verification;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit page: the trail filtered by plan, cluster, actor, type and time range, a page at a time, with export
 * links (the REST API's JSON Lines and CSV export, reachable with the session cookie) and the chain's verification.
 */
@Path(DashboardSession.ROOT + "/audit")
public class AuditScreen {

    static final int PAGE_SIZE = 50;

    private final AuditTrail audit;
    private final AuditResource exports;
    private final Viewer viewer;

    AuditScreen(AuditTrail audit, AuditResource exports, Viewer viewer) {
        this.audit = audit;
        this.exports = exports;
        this.viewer = viewer;
    }

    /**
     * The filter form as submitted.
     *
     * @param plan    plan id
     * @param cluster cluster id
     * @param actor   actor (token subject, orchestrator, sidecar-roller)
     * @param type    entry type
     * @param from    from (inclusive), ISO-8601 instant or a UTC date-time
     * @param to      to (exclusive)
     * @param cursor  the seq after which the page starts
     */
    public record Form(@QueryParam("plan") String plan, @QueryParam("cluster") String cluster,
                       @QueryParam("actor") String actor, @QueryParam("type") String type,
                       @QueryParam("from") String from, @QueryParam("to") String to,
                       @QueryParam("cursor") Long cursor) {

        /** The filters (without the cursor) as a query string. */
        public String filterQuery() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("plan", plan);
            params.put("cluster", cluster);
            params.put("actor", actor);
            params.put("type", type);
            params.put("from", from);
            params.put("to", to);
            return params.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        /** Whether this is not the first page. */
        public boolean paged() {
            return cursor != null && cursor > 0;
        }
    }

    @GET
    @PermitAll // signed-in viewers only: checked in the method, so that a browser is sent to the login page
    @Produces(MediaType.TEXT_HTML)
    public Response page(@BeanParam Form form, @CookieParam(DashboardSession.COOKIE) String session,
                         @Context UriInfo uri) {
        return Pages.refuse(viewer, uri, session).orElseGet(() -> {
            List<AuditEntry> entries = List.of();
            String next = null;
            String error = null;
            try {
                AuditPage page = audit.page(new AuditQuery(blank(form.plan()), blank(form.cluster()),
                        blank(form.actor()), blank(form.type()), instant("from", form.from()), instant("to", form.to()),
                        form.cursor() == null ? 0 : form.cursor(), PAGE_SIZE));
                entries = page.entries();
                if (page.nextCursor() != null) {
                    String filters = form.filterQuery();
                    next = DashboardSession.ROOT + "/audit?" + (filters.isEmpty() ? "" : filters + "&") + "cursor="
                            + page.nextCursor();
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            String filters = form.filterQuery();
            String export = DashboardSession.ROOT + "/audit/export?" + (filters.isEmpty() ? "" : filters + "&")
                    + "format=";
            return Pages.ok(Templates.audit(viewer.page("Audit trail", "audit", session), form, entries, next,
                    export + "jsonl", export + "csv", error));
        });
    }

    @GET
    @Path("/export")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Produces({"application/x-ndjson", "text/csv"})
    public Response export(@QueryParam("format") String format, @BeanParam Form form) {
        return exports.export(format, form.plan(), form.cluster(), form.actor(), form.type(),
                normalised("from", form.from()), normalised("to", form.to()));
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
    @Produces(MediaType.APPLICATION_JSON)
    public Verification verify() {
        return audit.verify();
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String normalised(String name, String value) {
        Instant at = instant(name, value);
        return at == null ? null : at.toString();
    }

    /** An ISO-8601 instant, or a date-time without zone (what a datetime-local field sends) taken as UTC. */
    static Instant instant(String name, String value) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(name + " must be a time like 2026-11-27T06:00 (UTC) or "
                        + "2026-11-27T06:00:00Z, was " + v);
            }
        }
    }
}
