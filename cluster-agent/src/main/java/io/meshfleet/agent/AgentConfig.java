package io.meshfleet.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
}
