package io.meshfleet.events;

import java.util.List;

/**
 * Asks an agent to run application checks on its cluster; answered by one {@link SmokeTestResult} per check.
 *
 * @param clusterId      the cluster to test
 * @param checks         the checks to run; at least one
 * @param timeoutSeconds how long all checks together may take
 */
public record RunSmokeTests(String clusterId, List<SmokeCheck> checks, int timeoutSeconds) implements AgentCommand {

    public RunSmokeTests {
        Require.nonBlank(clusterId, "clusterId");
        checks = Require.list(checks, "checks");
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("checks must hold at least one check");
        }
        Require.positive(timeoutSeconds, "timeoutSeconds");
    }
}
