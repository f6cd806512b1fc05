package io.meshfleet.sim.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A simulated mesh release written to a directory: one signed archive per platform, laid out like the
 * upstream bucket ({@code istio-<version>-<platform>.tar.gz|.zip} next to {@code <archive>.1.sig}).
 *
 * @param version        the release version
 * @param directory      where the archives and signatures are
 * @param hub            the image hub istioctl installs from
 * @param publicKeyPem   the SPKI PEM of the key that signed the archives: what a verifier pins
 * @param keyFingerprint {@link ReleaseSigningKey#fingerprint()} of that key
 * @param artifacts      one per generated platform, in {@link Platform} order
 */
public record SimRelease(
        MeshVersion version,
        Path directory,
        String hub,
        String publicKeyPem,
        String keyFingerprint,
        List<ReleaseArtifact> artifacts) {

    public SimRelease {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        artifacts = List.copyOf(artifacts);
    }

    /** The artifact for {@code platform}; fails if that platform was not generated. */
    public ReleaseArtifact artifact(Platform platform) {
        return artifacts.stream()
                .filter(artifact -> artifact.platform() == platform)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(platform.id() + " was not generated for " + version));
    }
}
