package io.meshfleet.events.signing;

import io.meshfleet.events.AgentCommand;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs agent command envelopes on behalf of their issuer (orchestrator or sidecar-roller).
 *
 * <p>Signing addresses the command to the cluster named in its data, bounds its validity with a
 * notafter instant, adds a random nonce for replay protection, and signs the
 * {@linkplain EnvelopeCodec#canonical canonical form} with Ed25519. Thread-safe.
 */
public final class CommandSigner {

    private static final int NONCE_BYTES = 16;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKey key;
    private final Clock clock;
    private final SecureRandom random;
    private final EnvelopeCodec codec;

    /** A signer using {@code key}, reading time from {@code clock}. */
    public CommandSigner(SigningKey key, Clock clock) {
        this(key, clock, new SecureRandom(), new EnvelopeCodec());
    }

    /** A signer using {@code key}, reading time from {@code clock} and drawing nonces from {@code random}. */
    public CommandSigner(SigningKey key, Clock clock, SecureRandom random, EnvelopeCodec codec) {
        this.key = Objects.requireNonNull(key, "key is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.random = Objects.requireNonNull(random, "random is required");
        this.codec = Objects.requireNonNull(codec, "codec is required");
    }

    /** The id of the key this signer signs with. */
    public String keyId() {
        return key.keyId();
    }

    /**
     * The envelope signed: {@code clusterid} from the command's clusterId, {@code notafter} = now + ttl,
     * a fresh 128-bit {@code nonce}, this signer's {@code keyid}, and the {@code signature} over the
     * canonical form. Signing attributes already present are replaced.
     *
     * @param envelope an envelope whose data is an {@link AgentCommand}
     * @param ttl      how long the command stays valid; must be positive and within what agents accept
     */
    public Envelope sign(Envelope envelope, Duration ttl) {
        Objects.requireNonNull(envelope, "envelope is required");
        Objects.requireNonNull(ttl, "ttl is required");
        if (!(envelope.data() instanceof AgentCommand command)) {
            throw new IllegalArgumentException("only agent commands are signed, not " + envelope.type());
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        Instant notAfter = clock.instant().plus(ttl);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Envelope unsigned = envelope.withSigning(command.clusterId(), notAfter, BASE64URL.encodeToString(nonce),
                key.keyId(), null);
        byte[] signature = key.sign(codec.canonical(unsigned));
        return unsigned.withSignature(BASE64URL.encodeToString(signature));
    }
}
