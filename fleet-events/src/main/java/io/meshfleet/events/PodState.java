package io.meshfleet.events;

/**
 * One pod as an agent observed it.
 *
 * @param name         the pod name
 * @param phase        the pod phase
 * @param ready        containers ready (the first number of kubectl's READY column)
 * @param total        containers in the pod (the second number)
 * @param restarts     container restarts summed over the pod
 * @param proxyVersion the version of its Istio sidecar (from the proxy image tag or
 *                     {@code sidecar.istio.io/status}), or null when it has none
 * @param ownerKind    the Kubernetes kind of its controller, or null for a bare pod
 * @param ownerName    the name of its controller, or null for a bare pod
 */
public record PodState(
        String name,
        PodPhase phase,
        int ready,
        int total,
        int restarts,
        String proxyVersion,
        String ownerKind,
        String ownerName) {

    public PodState {
        Require.nonBlank(name, "name");
        Require.nonNull(phase, "phase");
        Require.notNegative(ready, "ready");
        Require.notNegative(total, "total");
        Require.notNegative(restarts, "restarts");
        if (ready > total) {
            throw new IllegalArgumentException("ready (" + ready + ") must not exceed total (" + total + ")");
        }
    }

    /** Whether the pod is Running with all its containers ready (READY n/n). */
    public boolean allReady() {
        return phase == PodPhase.RUNNING && total > 0 && ready == total;
    }

    /** Whether the pod is READY n/n with its sidecar at {@code version}: the roller's convergence test. */
    public boolean convergedAt(String version) {
        return allReady() && version.equals(proxyVersion);
    }
}
