package io.meshfleet.events;

/**
 * The outcome of one check of {@link RunSmokeTests}.
 *
 * @param clusterId the cluster
 * @param check     the {@link SmokeCheck#name()}
 * @param passed    whether the check passed
 * @param detail    what was observed, for a person
 */
public record SmokeTestResult(String clusterId, String check, boolean passed, String detail) implements AgentEvent {

    public SmokeTestResult {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(check, "check");
        detail = detail == null ? "" : detail;
    }
}
