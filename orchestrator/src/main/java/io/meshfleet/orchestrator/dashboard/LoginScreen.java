package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.api.Roles;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signing in and out of the dashboard: the user pastes the JWT they use with the REST API (or fleetctl); it is
 * verified like a bearer token and kept in the session cookie (see {@link DashboardSession}) until it expires.
 */
@Path(DashboardSession.ROOT)
@PermitAll
public class LoginScreen {

    private final JWTParser parser;
    private final Clock clock;

    LoginScreen(JWTParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return Response.seeOther(URI.create(DashboardSession.ROOT + "/fleet")).build();
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@QueryParam("next") String next, @QueryParam("expired") boolean expired,
                         @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        // A link followed from another site (chat, mail) arrives without the SameSite=Strict cookie, and so does
        // the redirect here; the page then retries the target once as a same-site navigation, which carries it.
        boolean retry = "cross-site".equalsIgnoreCase(fetchSite);
        return Pages.ok(Templates.login(safeNext(next), expired
                        ? "Your session ended (the token expired or is no longer trusted): paste a fresh token." : null,
                retry));
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
                           @Context HttpHeaders headers, @Context UriInfo uri) {
        String target = safeNext(next);
        if (!Pages.sameOrigin(headers)) {
            return Pages.page(Response.status(403), Templates.login(target, "Sign in from this dashboard's own page.",
                    false));
        }
        String raw = token == null ? "" : token.strip();
        if (raw.regionMatches(true, 0, "Bearer ", 0, 7)) {
            raw = raw.substring(7).strip();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(raw);
        } catch (ParseException e) {
            return Pages.page(Response.status(401), Templates.login(target, "That token was not accepted (not signed "
                    + "by a trusted key, wrong issuer or expired). Mint a new one, e.g. with `fleetctl token`.",
                    false));
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        if (!groups.contains(Roles.VIEWER) && !groups.contains(Roles.OPERATOR) && !groups.contains(Roles.APPROVER)) {
            return Pages.page(Response.status(403), Templates.login(target, "That token is valid but has none of the "
                    + "roles viewer, operator, approver in its groups claim.", false));
        }
        long maxAge = Math.max(1, jwt.getExpirationTime() - clock.instant().getEpochSecond());
        return Response.seeOther(URI.create(target)).cookie(cookie(raw, (int) Math.min(Integer.MAX_VALUE, maxAge),
                secure(headers, uri))).build();
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf, @CookieParam(DashboardSession.COOKIE) String session,
                            @Context HttpHeaders headers, @Context UriInfo uri) {
        if (session != null && !Pages.fromDashboard(headers, session, csrf)) {
            return Response.status(403).build();
        }
        return Response.seeOther(URI.create(DashboardSession.ROOT + "/login"))
                .cookie(cookie("", 0, secure(headers, uri))).build();
    }

    private static NewCookie cookie(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(DashboardSession.COOKIE).value(value).path(DashboardSession.ROOT)
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Secure cookies whenever the browser talks HTTPS to us or to the proxy in front. */
    private static boolean secure(HttpHeaders headers, UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
    }

    /** Only a dashboard path of this server, never another site (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith(DashboardSession.ROOT + "/") || next.startsWith("//")
                || next.contains("\\") || next.startsWith(DashboardSession.ROOT + "/login")) {
            return DashboardSession.ROOT + "/fleet";
        }
        try {
            URI parsed = URI.create(next);
            return parsed.getScheme() == null && parsed.getRawAuthority() == null ? next
                    : DashboardSession.ROOT + "/fleet";
        } catch (IllegalArgumentException e) {
            return DashboardSession.ROOT + "/fleet";
        }
    }
}
