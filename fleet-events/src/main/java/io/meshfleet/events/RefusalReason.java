package io.meshfleet.events;

/**
 * Why an agent refused to execute a command; produced by {@code io.meshfleet.events.signing.CommandVerifier}
 * and reported in {@link CommandRefused}. None of them is fixed by sending the same envelope again.
 */
public enum RefusalReason {
    /** The envelope lacks one of the signing attributes (clusterid, notafter, nonce, keyid, signature). */
    UNSIGNED,
    /** The envelope's data is not an agent command, so no agent may execute it. */
    NOT_AGENT_COMMAND,
    /** Addressed to another cluster, or the clusterid attribute and the data's clusterId differ. */
    WRONG_ADDRESSEE,
    /** Signed with a key id that is not pinned by this agent. */
    UNKNOWN_KEY,
    /** The signature does not match the canonical envelope: tampered, or signed by another key. */
    BAD_SIGNATURE,
    /** Arrived after its notafter instant. */
    EXPIRED,
    /** Its notafter lies further ahead than the agent's maximum TTL allows. */
    TTL_TOO_LONG,
    /** Its nonce was seen before: a replay or a duplicate delivery. */
    REPLAYED
}
