package io.meshfleet.sim.scenario;

import java.time.Duration;

/**
 * How long simulated things take, in simulated time (divided by the scenario's time scale to get
 * real time). Unset values take the defaults, which follow the seed procedure: a control plane
 * takes minutes (5 to 10), a pod seconds.
 *
 * @param podScheduling       Pending before a pod's containers start (default 2 s)
 * @param containerStart      from start until a container is Ready (default 5 s)
 * @param podTermination      Terminating before a deleted pod is gone (default 10 s)
 * @param controlPlaneInstall from an install request until the new control plane is Ready (default 5 min)
 * @param apiLatency          added to every API request, for a slow API server (default none)
 */
public record Delays(Duration podScheduling, Duration containerStart, Duration podTermination,
        Duration controlPlaneInstall, Duration apiLatency) {

    /** Every value at its default. */
    public static final Delays DEFAULT = new Delays(null, null, null, null, null);

    public Delays {
        podScheduling = orDefault(podScheduling, Duration.ofSeconds(2));
        containerStart = orDefault(containerStart, Duration.ofSeconds(5));
        podTermination = orDefault(podTermination, Duration.ofSeconds(10));
        controlPlaneInstall = orDefault(controlPlaneInstall, Duration.ofMinutes(5));
        apiLatency = orDefault(apiLatency, Duration.ZERO);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
