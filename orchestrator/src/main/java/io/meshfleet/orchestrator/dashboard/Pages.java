package io.meshfleet.orchestrator.dashboard;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What every dashboard page and action does first: who may see it, and the headers every page carries. */
final class Pages {

    /** Pages load only our own script and style sheet; nothing inline, nothing from elsewhere, no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private Pages() {
    }

    /**
     * Empty when the viewer may read dashboard pages; otherwise the answer: the login page for a browser without a
     * valid session (saying so when the session expired), 403 for a token without a dashboard role.
     */
    static Optional<Response> refuse(Viewer viewer, UriInfo uri, String sessionCookie) {
        if (!viewer.signedIn()) {
            String next = uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
            String login = DashboardSession.ROOT + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
                    + (sessionCookie == null ? "" : "&expired=true");
            return Optional.of(Response.seeOther(URI.create(login)).build());
        }
        if (!viewer.mayRead()) {
            return Optional.of(page(Response.status(403), Templates.problem(viewer.page("Not allowed", "", null),
                    "Your token has none of the dashboard's roles (viewer, operator, approver) in its groups claim. "
                            + "Ask for a token with the viewer role, then sign in again.")));
        }
        return Optional.empty();
    }

    /** {@code template} as an HTML answer with the dashboard's security headers. */
    static Response page(Response.ResponseBuilder status, TemplateInstance template) {
        return status.entity(template.render()).type("text/html; charset=utf-8")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** {@link #page} with 200. */
    static Response ok(TemplateInstance template) {
        return page(Response.ok(), template);
    }

    /**
     * Whether a state-changing request comes from a dashboard page: a bearer header (which no other site can
     * make a browser send) or the session's CSRF token; and, when the browser names an Origin, our own host.
     */
    static boolean fromDashboard(HttpHeaders headers, String sessionCookie, String csrf) {
        if (!sameOrigin(headers)) {
            return false;
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return true;
        }
        return DashboardSession.csrfMatches(sessionCookie, csrf);
    }

    /**
     * False when the request names an Origin whose host and port are neither the Host it was sent to nor, behind a
     * reverse proxy, the X-Forwarded-Host the browser used.
     */
    static boolean sameOrigin(HttpHeaders headers) {
        String origin = headers.getHeaderString("Origin");
        if (origin == null) {
            return true;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && (authority.equalsIgnoreCase(headers.getHeaderString(HttpHeaders.HOST))
                    || authority.equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Host")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
