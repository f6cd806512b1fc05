package io.meshfleet.agent.install;

import io.meshfleet.agent.kube.ClusterConnection;
import io.meshfleet.release.extract.IndexedRelease;
import java.time.Instant;
import java.util.Map;

/**
 * What an installer is asked to do.
 *
 * @param cluster  the cluster
 * @param release  the verified, extracted release
 * @param profile  the installation profile
 * @param overlay  IstioOperator spec values carrying the previous install's features
 * @param deadline when the whole install must be done
 */
public record InstallTarget(ClusterConnection cluster, IndexedRelease release, String profile,
        Map<String, Object> overlay, Instant deadline) {

    /** The version to install. */
    public String version() {
        return release.version();
    }
}
