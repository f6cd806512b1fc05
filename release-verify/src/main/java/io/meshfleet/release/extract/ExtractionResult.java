package io.meshfleet.release.extract;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link SafeExtractor#extract} wrote.
 *
 * @param stagingDir the staging dir, now holding the archive's contents
 * @param files      regular files in archive order, each with its size and SHA-256
 * @param symlinks   symlinks in archive order
 * @param entries    how many entries the archive held (files, directories and links)
 * @param totalBytes bytes written to files
 */
public record ExtractionResult(Path stagingDir, List<ExtractedFile> files, List<ExtractedLink> symlinks, int entries,
        long totalBytes) {

    public ExtractionResult {
        files = List.copyOf(files);
        symlinks = List.copyOf(symlinks);
    }

    /** The file at {@code path} ({@code /}-separated, relative to the staging dir), if one was extracted there. */
    public Optional<ExtractedFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
