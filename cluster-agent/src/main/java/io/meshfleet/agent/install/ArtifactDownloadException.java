package io.meshfleet.agent.install;

/** A release archive could not be fetched or did not match its digest; {@link #reason()} goes into InstallResult. */
public final class ArtifactDownloadException extends Exception {

    /** Why the download failed. */
    public enum Reason {
        /** artifact-service has no verified blob with that digest (404): mirror and verify the release first. */
        ARTIFACT_NOT_FOUND,
        /** The bytes received do not hash to the digest asked for: never run them. */
        DIGEST_MISMATCH,
        /** artifact-service could not be reached or answered an error; worth retrying. */
        ARTIFACT_UNAVAILABLE
    }

    private final Reason reason;

    public ArtifactDownloadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
