package io.meshfleet.events;

/**
 * The outcome of {@link InstallControlPlane}.
 *
 * @param clusterId the cluster
 * @param version   the version that was installed
 * @param succeeded whether the new control plane is ready at {@code version} and the old one is gone
 * @param reason    a machine-readable cause when it failed (e.g. {@code TIMEOUT}), null on success
 * @param output    the installer's captured output, for the audit trail; may be empty
 */
public record InstallResult(String clusterId, String version, boolean succeeded, String reason, String output)
        implements AgentEvent {

    public InstallResult {
        Require.nonBlank(clusterId, "clusterId");
        Require.nonBlank(version, "version");
        if (!succeeded) {
            Require.nonBlank(reason, "reason");
        }
        output = output == null ? "" : output;
    }
}
