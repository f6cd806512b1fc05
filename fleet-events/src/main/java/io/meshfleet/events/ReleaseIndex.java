package io.meshfleet.events;

import java.util.List;

/**
 * What a verified release archive contains, so that agents need not unpack it to find their way.
 *
 * @param istioctlPath   path of the istioctl binary inside the archive, e.g. {@code istio-1.5.10-asm.2/bin/istioctl}
 * @param istioctlSha256 SHA-256 of that binary, lowercase hex
 * @param profiles       installation profiles found under {@code manifests/profiles/}, e.g. {@code asm-multicloud}
 * @param samples        top-level entries under {@code samples/}
 */
public record ReleaseIndex(String istioctlPath, String istioctlSha256, List<String> profiles, List<String> samples) {

    public ReleaseIndex {
        Require.nonBlank(istioctlPath, "istioctlPath");
        Require.sha256(istioctlSha256, "istioctlSha256");
        profiles = Require.list(profiles, "profiles");
        samples = Require.list(samples, "samples");
    }
}
