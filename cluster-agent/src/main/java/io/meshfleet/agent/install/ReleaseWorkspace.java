package io.meshfleet.agent.install;

import io.meshfleet.release.extract.IndexedRelease;
import io.meshfleet.release.extract.Platform;
import io.meshfleet.release.extract.ReleaseIndexer;
import io.meshfleet.release.extract.ReleaseLayoutException;
import io.meshfleet.release.extract.SafeExtractor;
import io.meshfleet.release.extract.UnsafeArchiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The agent's local copies of verified releases, one directory per archive digest under {@code root}: downloads
 * through {@link ArtifactClient}, extracts with {@link SafeExtractor#forMeshReleases()} and indexes with
 * {@link ReleaseIndexer}. A release already extracted is reused (the digest names exactly those bytes), so running
 * the same install again downloads nothing.
 */
public final class ReleaseWorkspace {

    private final Path root;
    private final ArtifactClient artifacts;

    public ReleaseWorkspace(Path root, ArtifactClient artifacts) {
        this.root = root;
        this.artifacts = artifacts;
    }

    /** Why a release could not be made ready; the message says what to do. */
    public static final class ReleaseUnusableException extends Exception {
        private final String reason;

        ReleaseUnusableException(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        /** The machine-readable reason for InstallResult. */
        public String reason() {
            return reason;
        }
    }

    /** The extracted, indexed release of {@code version} for {@code platform} with archive digest {@code sha256}. */
    public synchronized IndexedRelease prepare(String version, String platform, String sha256)
            throws ReleaseUnusableException, InterruptedException {
        Platform target = platformOf(platform);
        String hex = sha256.toLowerCase(Locale.ROOT);
        Path dir = root.resolve(hex);
        Path staging = dir.resolve("release");
        try {
            Files.createDirectories(dir);
            if (Files.isDirectory(staging)) {
                try {
                    return new ReleaseIndexer().index(staging, version, target);
                } catch (ReleaseLayoutException | IOException e) {
                    deleteTree(staging); // half-written by an earlier crash: extract again
                }
            }
            Path archive = artifacts.download(hex, dir.resolve(target.archiveName(version)));
            try {
                SafeExtractor.forMeshReleases().extract(archive, target.archiveType(), staging);
                return new ReleaseIndexer().index(staging, version, target);
            } finally {
                Files.deleteIfExists(archive);
            }
        } catch (ArtifactDownloadException e) {
            throw new ReleaseUnusableException(e.reason().name(), e.getMessage(), e);
        } catch (UnsafeArchiveException e) {
            throw new ReleaseUnusableException("UNSAFE_ARCHIVE", "the release archive " + hex + " was refused: "
                    + e.getMessage(), e);
        } catch (ReleaseLayoutException e) {
            deleteTree(staging);
            throw new ReleaseUnusableException("BAD_RELEASE_LAYOUT", "the release archive " + hex + " is not a "
                    + version + " release: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReleaseUnusableException("WORKSPACE_IO", "cannot prepare the release in " + dir + ": " + e, e);
        }
    }

    /** {@code linux}, or {@code linux-amd64} as InstallControlPlane names platforms: the OS part decides. */
    static Platform platformOf(String platform) {
        int dash = platform.indexOf('-');
        return Platform.fromId(dash < 0 ? platform : platform.substring(0, dash));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort; the next prepare extracts into a fresh directory name only if this one is gone
        }
    }
}
