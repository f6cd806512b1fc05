package io.meshfleet.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What an agent process serves and whom it trusts ({@code meshfleet.agent.*}). */
@ConfigMapping(prefix = "meshfleet.agent")
public interface AgentConfig {

    /** The ids of the clusters this process serves (one, or several for a hub-side agent). */
    List<String> clusters();

    /**
     * A directory of SPKI PEM files ({@code *.pem}): the public keys of the orchestrator and the
     * sidecar-roller. Only commands signed by one of them are executed.
     */
    Path trustedKeysDir();

    /** The longest validity a command may claim; longer ones are refused as TTL_TOO_LONG. */
    @WithDefault("PT15M")
    Duration maxCommandTtl();

    /**
     * A kubeconfig with one context per served cluster, named like the cluster id. Without it the agent serves
     * the one cluster it runs in, through its service account.
     */
    Optional<Path> kubeconfig();

    /**
     * The partition count of {@code fleet.agent.commands}; when set, the agent is assigned only the partitions its
     * clusters' commands hash to (read by {@code CommandPartitionsConfigSourceFactory}), otherwise it subscribes
     * to the whole topic.
     */
    Optional<Integer> commandPartitions();

    /** artifact-service's base URL, from which verified release archives are downloaded by digest. */
    Optional<URI> artifactUrl();

    /** Where releases are extracted and installers run. */
    @WithDefault("${java.io.tmpdir}/meshfleet-agent")
    Path workDir();

    /** State reports on {@code fleet.cluster.state}. */
    State state();

    /** When state reports go out. */
    interface State {

        /** Whether the agent reports cluster state at all. */
        @WithDefault("true")
        boolean enabled();

        /** Quiet time after a change before it is reported. */
        @WithDefault("PT2S")
        Duration debounce();

        /** The longest a change waits while the cluster keeps changing. */
        @WithDefault("PT15S")
        Duration maxDelay();

        /** The report interval while nothing changes. */
        @WithDefault("PT60S")
        Duration heartbeat();

        /**
         * Clusters whose informers start (list and watch) at a time; the others wait. All at once overloads the host
         * of an agent of hundreds of clusters until the initial lists time out.
         */
        @WithDefault("8")
        int syncConcurrency();

        /** How long one cluster's informers may take to sync before the attempt counts as failed and is retried. */
        @WithDefault("PT30S")
        Duration syncTimeout();

        /** The wait before a failed cluster's first retry; doubled for every further failure. */
        @WithDefault("PT5S")
        Duration syncRetry();

        /** The longest wait between retries of a cluster that keeps failing. */
        @WithDefault("PT5M")
        Duration syncRetryMax();
    }
}
