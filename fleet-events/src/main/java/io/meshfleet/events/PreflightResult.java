package io.meshfleet.events;

import java.util.List;
import java.util.Map;

/**
 * An agent's answer to {@link Preflight}: what it found on its cluster and the overlay that carries the
 * current install's optional features over to the target version.
 *
 * @param clusterId      the checked cluster
 * @param targetVersion  the version that was asked about
 * @param currentVersion the mesh version installed now, or null when there is none
 * @param clusterKind    user or admin cluster
 * @param items          one entry per check
 * @param overlay        IstioOperator spec values for the target version, to pass to
 *                       {@link InstallControlPlane#overlay()}; free-form JSON without binary floating point
 */
public record PreflightResult(
        String clusterId,
        String targetVersion,
        String currentVersion,
        ClusterKind clusterKind,
        List<PreflightItem> items,
        Map<String, Object> overlay) implements AgentEvent {

    public PreflightResult {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(targetVersion, "targetVersion");
        Require.nonNull(clusterKind, "clusterKind");
        items = Require.list(items, "items");
        overlay = Require.jsonObject(overlay, "overlay");
    }

    /** Whether no check failed, so that the install may proceed. */
    public boolean passed() {
        return items.stream().noneMatch(item -> item.status() == PreflightStatus.FAIL);
    }
}
