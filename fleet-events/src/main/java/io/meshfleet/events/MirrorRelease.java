package io.meshfleet.events;

import java.util.List;

/**
 * Asks artifact-service to fetch, verify and store a mesh release for the given platforms.
 *
 * @param version   the release version, e.g. {@code 1.5.10-asm.2}
 * @param platforms the platforms to mirror, named as in the archive names: {@code linux}, {@code osx},
 *                  {@code win}; at least one
 * @param source    where to fetch from: an {@code http(s)://} base URL, or the absolute path of a
 *                  directory holding the archives and their signatures (air-gapped sites)
 */
public record MirrorRelease(String version, List<String> platforms, String source) implements ArtifactCommand {

    public MirrorRelease {
        Require.nonBlank(version, "version");
        platforms = Require.list(platforms, "platforms");
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("platforms must name at least one platform");
        }
        Require.nonBlank(source, "source");
    }
}
