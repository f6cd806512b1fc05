package io.meshfleet.events;

/**
 * A release archive for one platform was fetched, its signature verified against a pinned key and
 * it is stored content-addressed under its SHA-256.
 *
 * @param version     the release version
 * @param platform    the platform of this archive, e.g. {@code linux} ({@code linux}, {@code osx} or {@code win})
 * @param archiveName the upstream file name, e.g. {@code istio-1.5.10-asm.2-linux.tar.gz}
 * @param sha256      SHA-256 of the archive, lowercase hex: the store address agents download by
 * @param sizeBytes   archive size in bytes
 * @param keyId       id of the pinned key that verified the signature
 * @param source      where the archive was fetched from
 * @param index       what the archive contains
 */
public record ReleaseVerified(
        String version,
        String platform,
        String archiveName,
        String sha256,
        long sizeBytes,
        String keyId,
        String source,
        ReleaseIndex index) implements ArtifactEvent {

    public ReleaseVerified {
        Require.nonBlank(version, "version");
        Require.nonBlank(platform, "platform");
        Require.nonBlank(archiveName, "archiveName");
        Require.sha256(sha256, "sha256");
        Require.notNegative(sizeBytes, "sizeBytes");
        Require.nonBlank(keyId, "keyId");
        Require.nonBlank(source, "source");
        Require.nonNull(index, "index");
    }
}
