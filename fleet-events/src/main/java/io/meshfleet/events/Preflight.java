package io.meshfleet.events;

/**
 * Asks an agent whether its cluster can move to {@code targetVersion}; answered by {@link PreflightResult}.
 *
 * @param clusterId     the cluster to check
 * @param targetVersion the mesh version a plan wants to install
 * @param profile       the installation profile, e.g. {@code asm-multicloud}
 */
public record Preflight(String clusterId, String targetVersion, String profile) implements AgentCommand {

    public Preflight {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(targetVersion, "targetVersion");
        Require.nonBlank(profile, "profile");
    }
}
