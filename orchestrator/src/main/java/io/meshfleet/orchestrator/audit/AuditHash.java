package io.meshfleet.orchestrator.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail: each entry's hash is SHA-256 over the previous entry's hash and
 * an unambiguous encoding of its own fields (each field length-prefixed, null distinct from empty),
 * so changing, removing or inserting an entry breaks the chain at that point.
 */
public final class AuditHash {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    /** The hash {@code entry} must carry, given its {@code prevHash}. */
    public static String of(AuditEntry e) {
        StringBuilder text = new StringBuilder(256);
        field(text, e.prevHash());
        field(text, Long.toString(e.seq()));
        field(text, truncate(e.at()).toString());
        field(text, e.actor());
        field(text, e.planId());
        field(text, e.wave() == null ? null : e.wave().toString());
        field(text, e.clusterId());
        field(text, e.namespace());
        field(text, e.type());
        field(text, e.from());
        field(text, e.to());
        field(text, e.reason());
        field(text, e.correlationId());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e1);
        }
    }

    /** PostgreSQL keeps microseconds: hash exactly what is stored. */
    public static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-;");
        } else {
            text.append(value.length()).append(':').append(value).append(';');
        }
    }
}
