package io.meshfleet.orchestrator.leader;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code meshfleet.orchestrator.leader-election.*}: whether the orchestrator competes for a Lease (on Kubernetes
 * with more than one replica) or is the single, always active instance (the default: local runs, the demo, tests).
 * application.properties maps each property to an environment variable (deploy/README.md lists them).
 */
@ConfigMapping(prefix = "meshfleet.orchestrator.leader-election")
public interface LeaderElectionConfig {

    /** Compete for the Lease; when false this instance is active from the start. */
    @WithDefault("false")
    boolean enabled();

    /** The Lease's name. */
    @WithDefault("meshfleet-orchestrator")
    String leaseName();

    /** The Lease's namespace; default: the namespace of the pod's service account. */
    Optional<String> namespace();

    /** This instance's holder identity; default: the host name (the pod name). */
    Optional<String> identity();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();
}
