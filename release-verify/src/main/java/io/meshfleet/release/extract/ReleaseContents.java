package io.meshfleet.release.extract;

import java.util.List;

/**
 * What an extracted release holds, field for field the {@code io.meshfleet.events.ReleaseIndex} that
 * {@code ReleaseVerified} carries (this module does not depend on fleet-events).
 *
 * @param istioctlPath   path of the istioctl binary inside the archive, e.g. {@code istio-1.5.10-asm.2/bin/istioctl}
 * @param istioctlSha256 SHA-256 of that binary, lowercase hex
 * @param profiles       profile names from {@code manifests/profiles/*.yaml}, sorted, e.g. {@code asm-multicloud}
 * @param samples        directories directly under {@code samples/}, sorted
 */
public record ReleaseContents(String istioctlPath, String istioctlSha256, List<String> profiles, List<String> samples) {

    public ReleaseContents {
        profiles = List.copyOf(profiles);
        samples = List.copyOf(samples);
    }
}
