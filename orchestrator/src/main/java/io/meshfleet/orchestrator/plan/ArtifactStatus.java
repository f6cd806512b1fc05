package io.meshfleet.orchestrator.plan;

/**
 * Whether a release archive (version and platform) may be installed, from artifact-service's
 * ReleaseVerified / ReleaseRejected events.
 *
 * @param state  verified, rejected or unknown (no event yet)
 * @param sha256 the verified archive's SHA-256, or null
 * @param detail why it was rejected, or null
 */
public record ArtifactStatus(State state, String sha256, String detail) {

    public static final ArtifactStatus UNKNOWN = new ArtifactStatus(State.UNKNOWN, null, null);

    /** The verification states. */
    public enum State { UNKNOWN, VERIFIED, REJECTED }
}
