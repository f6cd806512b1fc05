package io.meshfleet.events;

import java.util.List;

/**
 * The mesh control plane of a cluster as an agent observed it.
 *
 * @param version the version of the running istiod, or null when there is none or it is mid-change
 * @param pods    the control-plane and gateway pods in {@code istio-system}, old and new
 */
public record ControlPlaneState(String version, List<PodState> pods) {

    public ControlPlaneState {
        pods = Require.list(pods, "pods");
    }
}
