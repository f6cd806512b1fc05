package io.meshfleet.artifact.mirror;

import io.meshfleet.release.extract.ExtractedFile;
import io.meshfleet.release.extract.ReleaseContents;
import java.util.List;

/**
 * A release archive that was fetched, verified against a pinned key, extracted safely, indexed and
 * published into the blob store.
 *
 * @param version     e.g. {@code 1.5.10-asm.2}
 * @param platform    {@code linux}, {@code osx} or {@code win}
 * @param archiveName e.g. {@code istio-1.5.10-asm.2-linux.tar.gz}
 * @param sha256      the archive's SHA-256, lowercase hex: its address in the blob store
 * @param sizeBytes   the archive's size
 * @param keyId       the pinned key its signature verified against
 * @param source      where it came from
 * @param contents    the index: istioctl path and digest, profiles, samples
 * @param files       every regular file of the extracted tree with its digest, so single files can be served with theirs
 */
public record MirroredRelease(String version, String platform, String archiveName, String sha256, long sizeBytes,
        String keyId, String source, ReleaseContents contents, List<ExtractedFile> files) {

    public MirroredRelease {
        files = List.copyOf(files);
    }
}
