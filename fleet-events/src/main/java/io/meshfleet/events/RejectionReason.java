package io.meshfleet.events;

/** Why artifact-service refused a release archive; each says whether retrying can help. */
public enum RejectionReason {
    /** The archive or its signature could not be fetched; a retry may succeed. */
    DOWNLOAD_FAILED(true),
    /** No signature file was published next to the archive. */
    SIGNATURE_MISSING(false),
    /** The signature does not verify against any pinned key: the archive is not trusted. */
    SIGNATURE_INVALID(false),
    /** The archive's digest differs from the one expected for it. */
    DIGEST_MISMATCH(false),
    /** The archive has entries escaping the extraction directory, links, or is too large. */
    UNSAFE_ARCHIVE(false),
    /** The archive lacks something agents need, such as {@code bin/istioctl} or the profiles. */
    INCOMPLETE_RELEASE(false),
    /** The request itself is unusable: a version that is no plain release name, an unknown platform, a bad source. */
    INVALID_REQUEST(false),
    /** The platform is not published for this version. */
    UNSUPPORTED_PLATFORM(false);

    private final boolean retryable;

    RejectionReason(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether sending the same MirrorRelease again may succeed without an operator changing anything. */
    public boolean retryable() {
        return retryable;
    }
}
