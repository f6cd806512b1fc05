package io.meshfleet.events;

/**
 * A release archive for one platform was refused and is not available to agents.
 *
 * @param version  the release version
 * @param platform the platform of the refused archive
 * @param reason   the machine-readable cause
 * @param detail   what happened and what a person can do about it
 */
public record ReleaseRejected(String version, String platform, RejectionReason reason, String detail)
        implements ArtifactEvent {

    public ReleaseRejected {
        Require.nonBlank(version, "version");
        Require.nonBlank(platform, "platform");
        Require.nonNull(reason, "reason");
        Require.nonBlank(detail, "detail");
    }
}
