package io.meshfleet.events.signing;

import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.RefusalReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Decides whether the agent of one cluster may execute a command envelope: addressed to it, signed by a
 * pinned key, unexpired, not valid for longer than allowed, and not seen before.
 *
 * <p>Checks run in this order and the first failure is the verdict: {@code UNSIGNED},
 * {@code NOT_AGENT_COMMAND}, {@code WRONG_ADDRESSEE}, {@code UNKNOWN_KEY}, {@code BAD_SIGNATURE},
 * {@code EXPIRED}, {@code TTL_TOO_LONG}, {@code REPLAYED}. The time checks come after the signature,
 * so they judge attributes known to come from the issuer, and the nonce is remembered only for commands
 * that passed everything else, so a forgery cannot use up a genuine nonce.
 *
 * <p>The maximum TTL should exceed the TTL issuers sign with by the clock skew expected between issuer
 * and agent. An agent serving several clusters holds one verifier per cluster. Thread-safe.
 */
public final class CommandVerifier {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final TrustedKeys trustedKeys;
    private final Clock clock;
    private final Duration maxTtl;
    private final String expectedClusterId;
    private final ReplayGuard replayGuard;
    private final EnvelopeCodec codec;

    /** A verifier for the agent of {@code expectedClusterId}, with its own replay guard. */
    public CommandVerifier(TrustedKeys trustedKeys, Clock clock, Duration maxTtl, String expectedClusterId) {
        this(trustedKeys, clock, maxTtl, expectedClusterId, new ReplayGuard(), new EnvelopeCodec());
    }

    /** A verifier for the agent of {@code expectedClusterId} using the given replay guard and codec. */
    public CommandVerifier(TrustedKeys trustedKeys, Clock clock, Duration maxTtl, String expectedClusterId,
                           ReplayGuard replayGuard, EnvelopeCodec codec) {
        this.trustedKeys = Objects.requireNonNull(trustedKeys, "trustedKeys is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.maxTtl = Objects.requireNonNull(maxTtl, "maxTtl is required");
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("maxTtl must be positive, was " + maxTtl);
        }
        this.expectedClusterId = Objects.requireNonNull(expectedClusterId, "expectedClusterId is required");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard is required");
        this.codec = Objects.requireNonNull(codec, "codec is required");
    }

    /** The cluster this verifier accepts commands for. */
    public String clusterId() {
        return expectedClusterId;
    }

    /** Whether the command in {@code envelope} may be executed; an accepted nonce is remembered. */
    public Verdict verify(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope is required");
        if (!envelope.isSigned()) {
            return Verdict.refuse(RefusalReason.UNSIGNED, "missing signing attributes: " + missingAttributes(envelope));
        }
        if (!(envelope.data() instanceof AgentCommand command)) {
            return Verdict.refuse(RefusalReason.NOT_AGENT_COMMAND, envelope.type() + " is not an agent command");
        }
        if (!expectedClusterId.equals(envelope.clusterId())) {
            return Verdict.refuse(RefusalReason.WRONG_ADDRESSEE,
                    "addressed to cluster " + envelope.clusterId() + ", this agent serves " + expectedClusterId);
        }
        if (!expectedClusterId.equals(command.clusterId())) {
            return Verdict.refuse(RefusalReason.WRONG_ADDRESSEE,
                    "clusterid attribute " + envelope.clusterId() + " differs from the command's clusterId "
                            + command.clusterId());
        }
        if (!trustedKeys.contains(envelope.keyId())) {
            return Verdict.refuse(RefusalReason.UNKNOWN_KEY, "key " + envelope.keyId() + " is not pinned");
        }
        byte[] signature;
        try {
            signature = BASE64URL.decode(envelope.signature());
        } catch (IllegalArgumentException e) {
            return Verdict.refuse(RefusalReason.BAD_SIGNATURE, "signature is not base64url");
        }
        if (!trustedKeys.verify(envelope.keyId(), codec.canonical(envelope), signature)) {
            return Verdict.refuse(RefusalReason.BAD_SIGNATURE,
                    "signature does not match the envelope for key " + envelope.keyId());
        }
        Instant now = clock.instant();
        if (now.isAfter(envelope.notAfter())) {
            return Verdict.refuse(RefusalReason.EXPIRED, "expired at " + envelope.notAfter() + ", now " + now);
        }
        Duration remaining = Duration.between(now, envelope.notAfter());
        if (remaining.compareTo(maxTtl) > 0) {
            return Verdict.refuse(RefusalReason.TTL_TOO_LONG,
                    "valid for " + remaining + " more, this agent accepts at most " + maxTtl);
        }
        if (!replayGuard.firstSeen(envelope.nonce(), envelope.notAfter(), now)) {
            return Verdict.refuse(RefusalReason.REPLAYED, "nonce " + envelope.nonce() + " was seen before");
        }
        return Verdict.accept();
    }

    private static String missingAttributes(Envelope e) {
        StringBuilder missing = new StringBuilder();
        appendIfNull(missing, "clusterid", e.clusterId());
        appendIfNull(missing, "notafter", e.notAfter());
        appendIfNull(missing, "nonce", e.nonce());
        appendIfNull(missing, "keyid", e.keyId());
        appendIfNull(missing, "signature", e.signature());
        return missing.toString();
    }

    private static void appendIfNull(StringBuilder missing, String name, Object value) {
        if (value == null) {
            missing.append(missing.length() == 0 ? "" : ", ").append(name);
        }
    }
}
