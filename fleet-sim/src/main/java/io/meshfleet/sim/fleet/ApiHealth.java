package io.meshfleet.sim.fleet;

/** How a simulated cluster's API answers clients that reach it through the fleet's fault proxy. */
public enum ApiHealth {
    /** Every request is passed on at once. */
    AVAILABLE,
    /** Every request is passed on after the scenario's API latency (API_SLOW). */
    SLOW,
    /** Connections are accepted and requests never answered (API_UNAVAILABLE). */
    UNAVAILABLE
}
