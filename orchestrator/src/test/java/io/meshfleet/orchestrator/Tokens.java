package io.meshfleet.orchestrator;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Bearer tokens for tests, signed with the test key the application trusts (src/test/resources/jwt). */
public final class Tokens {

    private Tokens() {
    }

    /** A token for {@code subject} with {@code roles}. */
    public static String of(String subject, String... roles) {
        return Jwt.issuer("https://meshfleet.local").subject(subject).groups(Set.of(roles)).expiresIn(3600).sign();
    }

    public static String viewer() {
        return of("vera", "viewer");
    }

    public static String operator() {
        return of("alice", "operator");
    }

    public static String approver() {
        return of("bob", "approver");
    }
}
