package io.meshfleet.release.extract;

import java.nio.file.Path;

/**
 * An extracted release that {@link ReleaseIndexer} found complete.
 *
 * @param version    the version its top directory names, equal to the one expected
 * @param platform   the platform it was indexed for
 * @param releaseDir its top directory {@code istio-<version>/}; {@code releaseDir.resolveSibling(contents.istioctlPath())}
 *                   is the istioctl binary
 * @param contents   what it holds, for {@code ReleaseIndex}
 */
public record IndexedRelease(String version, Platform platform, Path releaseDir, ReleaseContents contents) {

    /** The istioctl binary on disk. */
    public Path istioctl() {
        return releaseDir.resolveSibling(contents.istioctlPath());
    }
}
