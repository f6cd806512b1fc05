package io.meshfleet.orchestrator.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How a browser carries its token to the dashboard. A browser cannot put a bearer header on a page load or on an
 * {@code EventSource}, so the login page takes the same JWT the REST API takes and keeps it in an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /ui}; {@link SessionCookieAuthentication} hands that cookie to the same
 * JWT verification as the bearer header, for {@code /ui} paths only (the REST API stays bearer-only). Requests that
 * change something also carry {@link #CSRF_HEADER}: a value derived from the token that a page of another site
 * can neither read (the cookie is HttpOnly) nor compute, and that no instance needs to store.
 */
public final class DashboardSession {

    /** The cookie that holds the JWT. */
    public static final String COOKIE = "meshfleet_session";
    /** The header that carries {@link #csrfToken(String)} on every state-changing request. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Where the dashboard lives; the cookie's path. */
    public static final String ROOT = "/ui";

    private DashboardSession() {
    }

    /** The CSRF token bound to session token {@code jwt}: SHA-256 over a fixed label and the token, base64url. */
    public static String csrfToken(String jwt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("meshfleet-dashboard-csrf\n".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(jwt.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code presented} is the CSRF token of {@code jwt}, compared in constant time. */
    public static boolean csrfMatches(String jwt, String presented) {
        if (jwt == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(jwt).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
