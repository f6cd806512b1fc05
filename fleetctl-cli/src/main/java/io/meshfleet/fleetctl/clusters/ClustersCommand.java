package io.meshfleet.fleetctl.clusters;

import io.meshfleet.fleetctl.VersionProvider;
import picocli.CommandLine.Command;

/** {@code fleetctl clusters}: the fleet as the orchestrator's inventory sees it. */
@Command(
        name = "clusters",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = "The clusters of the fleet, as their agents last reported them to the orchestrator.",
        subcommands = ListClustersCommand.class,
        footer = {
            "",
            "Examples:",
            "  fleetctl clusters list --selector env=prod"
        })
public final class ClustersCommand {
}
