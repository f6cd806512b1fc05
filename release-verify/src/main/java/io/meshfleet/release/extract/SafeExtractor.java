package io.meshfleet.release.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Extracts a mesh release archive into a fresh staging dir, refusing anything that could write outside it,
 * overwrite what an earlier entry wrote, or exhaust the disk. On any refusal or failure the staging dir is
 * deleted entirely, so a staging dir that exists after {@link #extract} returns holds exactly what the
 * archive describes. The rules are in this module's README ("Extraction").
 */
public final class SafeExtractor {

    private final ExtractionLimits limits;

    public SafeExtractor(ExtractionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** An extractor with {@link ExtractionLimits#MESH_RELEASE}. */
    public static SafeExtractor forMeshReleases() {
        return new SafeExtractor(ExtractionLimits.MESH_RELEASE);
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /**
     * Extracts {@code archive} into {@code stagingDir}, which must not exist yet (its parent must): it is
     * created owner-only (0700) so no other local user can interfere while entries are written, and it is
     * the only directory a refusal ever deletes. Files get mode 0755 when the archive marks them executable,
     * else 0644; directories 0755; ownership, timestamps and every other mode bit are not taken from the archive.
     *
     * @throws UnsafeArchiveException the archive was refused; the staging dir no longer exists
     * @throws IOException            reading the archive file or writing the staging dir failed (worth a retry);
     *                                the staging dir no longer exists unless it could not be created at all
     */
    public ExtractionResult extract(Path archive, ArchiveType type, Path stagingDir)
            throws UnsafeArchiveException, IOException {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(type, "type");
        Path root = StagingTree.create(stagingDir);
        try {
            return switch (type) {
                case TAR_GZ -> TarGzReader.extract(archive, root, limits);
                case ZIP -> ZipReader.extract(archive, root, limits);
            };
        } catch (UnsafeArchiveException | IOException | RuntimeException | Error e) {
            try {
                StagingTree.delete(root);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
