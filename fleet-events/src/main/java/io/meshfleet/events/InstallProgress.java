package io.meshfleet.events;

/**
 * An install in progress reached a phase; informational, the outcome comes as {@link InstallResult}.
 *
 * @param clusterId the cluster being installed
 * @param version   the version being installed
 * @param phase     the phase reached
 * @param message   details for a person, may be empty
 */
public record InstallProgress(String clusterId, String version, InstallPhase phase, String message)
        implements AgentEvent {

    public InstallProgress {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(version, "version");
        Require.nonNull(phase, "phase");
        message = message == null ? "" : message;
    }
}
