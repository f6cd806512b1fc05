package io.meshfleet.orchestrator.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The actor of a request as the audit trail records it: the subject of its bearer token. */
@RequestScoped
public class Actors {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    Actors(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** The token's {@code sub}, else the principal name. */
    public String current() {
        String subject = token.getSubject();
        return subject != null && !subject.isBlank() ? subject : identity.getPrincipal().getName();
    }
}
