package io.meshfleet.orchestrator.dashboard;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates dashboard requests ({@code /ui/...}) by the JWT in the {@link DashboardSession#COOKIE} cookie,
 * verified exactly as a bearer token (smallrye-jwt's validator: signature, issuer, expiry; roles from
 * {@code groups}). Runs after the bearer mechanism, so a request with an Authorization header is judged by that.
 * A cookie that no longer verifies (expired, key rotated) leaves the request anonymous: pages then send the
 * browser to the login page instead of answering 401.
 */
@ApplicationScoped
public class SessionCookieAuthentication implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!isDashboard(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(DashboardSession.COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request = HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(cookie.getValue())), context);
        return identities.authenticate(request).onFailure().recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem(); // the bearer mechanism's 401 stands; pages redirect to the login page
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }

    static boolean isDashboard(String path) {
        return path != null && (path.equals(DashboardSession.ROOT) || path.startsWith(DashboardSession.ROOT + "/"));
    }
}
