package io.meshfleet.events;

import java.util.Map;

/**
 * Asks an agent to install the control plane of {@code version} on its cluster.
 *
 * @param clusterId      the cluster to install on
 * @param version        the mesh version to install
 * @param profile        the installation profile, e.g. {@code asm-multicloud}
 * @param overlay        IstioOperator spec values carrying the optional features of the previous
 *                       install (see {@link PreflightResult#overlay()}); a free-form JSON object whose
 *                       numbers are integers or decimals, never binary floating point
 * @param artifactSha256 SHA-256 of the verified release archive to download from artifact-service
 * @param platform       the platform of that archive, e.g. {@code linux} ({@code linux}, {@code osx} or {@code win})
 * @param installer      which installer to use
 * @param timeoutSeconds how long the control plane may take to become ready at {@code version}
 */
public record InstallControlPlane(
        String clusterId,
        String version,
        String profile,
        Map<String, Object> overlay,
        String artifactSha256,
        String platform,
        Installer installer,
        int timeoutSeconds) implements AgentCommand {

    public InstallControlPlane {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(version, "version");
        Require.nonBlank(profile, "profile");
        overlay = Require.jsonObject(overlay, "overlay");
        Require.sha256(artifactSha256, "artifactSha256");
        Require.nonBlank(platform, "platform");
        Require.nonNull(installer, "installer");
        Require.positive(timeoutSeconds, "timeoutSeconds");
    }
}
