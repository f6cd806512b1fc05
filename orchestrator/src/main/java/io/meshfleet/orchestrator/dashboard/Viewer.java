package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.api.Roles;
import io.meshfleet.orchestrator.dashboard.view.PlanBoard;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is looking at a dashboard page: signed in or not, and what the token's groups allow. */
@RequestScoped
public class Viewer {

    private final SecurityIdentity identity;

    Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Whether a valid token came with the request (cookie or bearer). */
    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** Whether the token has any dashboard role. */
    public boolean mayRead() {
        return identity.hasRole(Roles.VIEWER) || identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.APPROVER);
    }

    /** The actor as the audit trail records it: the token's subject. */
    public String name() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** The actions the token's groups allow. */
    public PlanBoard.Permissions permissions() {
        return new PlanBoard.Permissions(identity.hasRole(Roles.OPERATOR), identity.hasRole(Roles.APPROVER));
    }

    /** The dashboard roles, for the header. */
    public String roles() {
        return String.join(" ", java.util.stream.Stream.of(Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER)
                .filter(identity::hasRole).toList());
    }

    /** The frame of a page for this viewer; {@code sessionToken} is the cookie's JWT (null under a bearer header). */
    public Page page(String title, String section, String sessionToken) {
        return new Page(title, section, name(), roles(),
                sessionToken == null ? "" : DashboardSession.csrfToken(sessionToken));
    }

    /**
     * What every page's frame shows.
     *
     * @param title   the page title
     * @param section fleet, plans or audit (the highlighted tab)
     * @param user    who is signed in
     * @param roles   their dashboard roles
     * @param csrf    the CSRF token of the session, sent back on every change
     */
    public record Page(String title, String section, String user, String roles, String csrf) {
    }
}
