package io.meshfleet.sim.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes simulated mesh releases: per platform a signed archive laid out like the real release, whose
 * {@code bin/istioctl} installs against a (simulated) cluster through kubectl. Every entry carries the
 * injected clock's time, so the same version, hub, platform and instant give byte-identical archives
 * (signatures differ run to run: ECDSA signing is randomised).
 */
public final class ReleaseGenerator {

    /** The image hub of ASM 1.5/1.6 releases. */
    public static final String DEFAULT_HUB = "gcr.io/gke-release/asm";

    private final Clock clock;
    private final ReleaseSigningKey signingKey;
    private final String hub;

    public ReleaseGenerator(Clock clock, ReleaseSigningKey signingKey) {
        this(clock, signingKey, DEFAULT_HUB);
    }

    public ReleaseGenerator(Clock clock, ReleaseSigningKey signingKey, String hub) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.hub = IstioctlScript.requireValidHub(hub);
    }

    /** Generates all three platforms (linux, osx, win) of {@code version} into {@code outputDirectory}. */
    public SimRelease generate(String version, Path outputDirectory) throws IOException {
        return generate(MeshVersion.parse(version), outputDirectory, EnumSet.allOf(Platform.class));
    }

    /**
     * Generates the given platforms of {@code version} into {@code outputDirectory} (created if needed);
     * existing files of the same names are replaced.
     */
    public SimRelease generate(MeshVersion version, Path outputDirectory, Set<Platform> platforms) throws IOException {
        Objects.requireNonNull(version, "version");
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("at least one platform");
        }
        Files.createDirectories(outputDirectory);
        Instant modified = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<ReleaseArtifact> artifacts = new ArrayList<>();
        for (Platform platform : EnumSet.copyOf(platforms)) {
            artifacts.add(writeArchive(version, platform, modified, outputDirectory));
        }
        return new SimRelease(version, outputDirectory, hub, signingKey.publicKeyPem(), signingKey.fingerprint(), artifacts);
    }

    private ReleaseArtifact writeArchive(MeshVersion version, Platform platform, Instant modified, Path directory)
            throws IOException {
        List<ReleaseEntry> entries = ReleaseLayout.entries(version, platform, hub);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        platform.format().write(entries, modified, bytes);
        byte[] archiveBytes = bytes.toByteArray();

        Path archive = directory.resolve(platform.archiveName(version));
        Path partial = directory.resolve(archive.getFileName() + ".partial");
        Files.write(partial, archiveBytes);
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path signature = archive.resolveSibling(archive.getFileName() + ReleaseSigningKey.SIGNATURE_SUFFIX);
        Files.write(signature, signingKey.sign(archiveBytes));

        String istioctlPath = ReleaseLayout.istioctlPath(version, platform);
        byte[] istioctl = entries.stream()
                .filter(entry -> entry.path().equals(istioctlPath))
                .findFirst()
                .orElseThrow()
                .content();
        return new ReleaseArtifact(platform, archive, signature, sha256(archiveBytes), archiveBytes.length,
                istioctlPath, sha256(istioctl), ReleaseLayout.PROFILES, ReleaseLayout.SAMPLES);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
