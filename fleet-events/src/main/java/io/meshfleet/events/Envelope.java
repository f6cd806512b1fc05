package io.meshfleet.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one envelope of every meshfleet message: CloudEvents-style attributes around a typed {@link Message}.
 *
 * <p>On the wire (see {@link EnvelopeCodec}) attribute names are lowercase as CloudEvents requires:
 * {@code planid}, {@code correlationid}, {@code clusterid}, {@code notafter}, {@code keyid}.
 *
 * @param specversion   the CloudEvents spec version, always {@value #SPEC_VERSION}
 * @param id            a random UUID, lowercase; consumers deduplicate by it
 * @param type          the registered type name of {@code data}, e.g. {@code meshfleet.InstallControlPlane}
 * @param source        the producer, e.g. {@code orchestrator} or {@code agent/cluster-a}
 * @param time          when the message was created, from the producer's injected clock
 * @param subject       what the message is about: the clusterId, or the version for artifact messages
 * @param planId        the plan this message serves, or null
 * @param correlationId the id of the message that started this exchange, or null
 * @param dataversion   the schema version of {@code data}: always the current version of its type in
 *                      {@link MessageTypes}, because {@code data} is a record of the current shape
 *                      ({@link EnvelopeCodec#decode} upcasts older versions before binding)
 * @param data          the command or event
 * @param clusterId     signed commands only: the cluster the command is addressed to, else null
 * @param notAfter      signed commands only: the instant after which the command must not run, else null
 * @param nonce         signed commands only: 128 random bits, base64url, for replay protection, else null
 * @param keyId         signed commands only: the id of the signing key, else null
 * @param signature     signed commands only: Ed25519 over {@link EnvelopeCodec#canonical}, base64url, else null
 */
public record Envelope(
        String specversion,
        String id,
        String type,
        String source,
        Instant time,
        String subject,
        String planId,
        String correlationId,
        int dataversion,
        Message data,
        String clusterId,
        Instant notAfter,
        String nonce,
        String keyId,
        String signature) {

    /** The only CloudEvents spec version meshfleet speaks. */
    public static final String SPEC_VERSION = "1.0";

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Envelope {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("specversion must be " + SPEC_VERSION + ", was " + specversion);
        }
        Require.nonNull(id, "id");
        if (!UUID_FORM.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be a lowercase UUID, was \"" + id + "\"");
        }
        Require.nonNull(data, "data");
        Require.nonNull(type, "type");
        MessageTypes.MessageType registered = MessageTypes.of(data);
        if (!registered.name().equals(type)) {
            throw new IllegalArgumentException("type " + type + " does not match data of type " + registered.name());
        }
        Require.nonBlank(source, "source");
        Require.nonNull(time, "time");
        Require.nonBlank(subject, "subject");
        // Older versions exist only as JSON on the wire; an instance claiming one would be encoded as a
        // message its consumers upcast a second time.
        if (dataversion != registered.dataVersion()) {
            throw new IllegalArgumentException("dataversion of " + type + " must be " + registered.dataVersion()
                    + ", its current version, was " + dataversion);
        }
    }

    /**
     * A new unsigned envelope for {@code data}: a fresh id, the registered type and data version,
     * {@code time} from {@code clock} and the data's key as subject.
     */
    public static Envelope of(String source, Message data, Clock clock) {
        Objects.requireNonNull(data, "data is required");
        Objects.requireNonNull(clock, "clock is required");
        MessageTypes.MessageType type = MessageTypes.of(data);
        return new Envelope(SPEC_VERSION, UUID.randomUUID().toString(), type.name(), source, clock.instant(),
                data.key(), null, null, type.dataVersion(), data, null, null, null, null, null);
    }

    /** This envelope serving plan {@code planId}. */
    public Envelope withPlan(String planId) {
        return new Envelope(specversion, id, type, source, time, subject, planId, correlationId, dataversion, data,
                clusterId, notAfter, nonce, keyId, signature);
    }

    /** This envelope as part of the exchange {@code correlationId}. */
    public Envelope withCorrelation(String correlationId) {
        return new Envelope(specversion, id, type, source, time, subject, planId, correlationId, dataversion, data,
                clusterId, notAfter, nonce, keyId, signature);
    }

    /**
     * This envelope as a consequence of {@code cause}: same plan, and correlated to the exchange
     * {@code cause} belongs to (its correlationId, or its id when it started the exchange).
     */
    public Envelope causedBy(Envelope cause) {
        return withPlan(cause.planId()).withCorrelation(cause.exchangeId());
    }

    /**
     * The exchange this envelope belongs to: its correlationId, or its own id when it started the exchange.
     * Answers carry it as their correlationId (see {@link #causedBy}), so the sender can match them to what it
     * asked, e.g. the orchestrator's {@code <plan>/<cluster>/<attempt>}.
     */
    public String exchangeId() {
        return correlationId != null ? correlationId : id;
    }

    /** This envelope with the signing attributes set; used by the command signer. */
    public Envelope withSigning(String clusterId, Instant notAfter, String nonce, String keyId, String signature) {
        return new Envelope(specversion, id, type, source, time, subject, planId, correlationId, dataversion, data,
                clusterId, notAfter, nonce, keyId, signature);
    }

    /** This envelope with only the signature replaced (null removes it). */
    public Envelope withSignature(String signature) {
        return withSigning(clusterId, notAfter, nonce, keyId, signature);
    }

    /** Whether all five signing attributes are present; says nothing about their validity. */
    public boolean isSigned() {
        return clusterId != null && notAfter != null && nonce != null && keyId != null && signature != null;
    }

    /** The Kafka topic of this envelope: the topic of its data. */
    public String topic() {
        return data.topic();
    }

    /** The Kafka record key of this envelope: the key of its data. */
    public String key() {
        return data.key();
    }
}
