package io.meshfleet.sim.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One platform's archive of a generated release with its signature, and what it contains (the same
 * facts artifact-service's index reports, so that tests can compare).
 *
 * @param platform       the platform
 * @param archive        the archive file, e.g. {@code istio-1.5.10-asm.2-linux.tar.gz}
 * @param signature      the signature file next to it, {@code <archive>.1.sig}
 * @param sha256         SHA-256 of the archive, lowercase hex
 * @param sizeBytes      archive size in bytes
 * @param istioctlPath   istioctl's path inside the archive, e.g. {@code istio-1.5.10-asm.2/bin/istioctl}
 * @param istioctlSha256 SHA-256 of istioctl's bytes, lowercase hex
 * @param profiles       the profiles under {@code manifests/profiles/}, without {@code .yaml}
 * @param samples        the top-level entries under {@code samples/}
 */
public record ReleaseArtifact(
        Platform platform,
        Path archive,
        Path signature,
        String sha256,
        long sizeBytes,
        String istioctlPath,
        String istioctlSha256,
        List<String> profiles,
        List<String> samples) {

    public ReleaseArtifact {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(istioctlPath, "istioctlPath");
        Objects.requireNonNull(istioctlSha256, "istioctlSha256");
        profiles = List.copyOf(profiles);
        samples = List.copyOf(samples);
    }

    /** The archive's file name. */
    public String archiveName() {
        return archive.getFileName().toString();
    }
}
