package io.meshfleet.fleetctl.deadletters;

import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The {@code fleetctl dead-letters} group: the records services could not process, on the {@code .dlq} topics. */
@Command(
        name = "dead-letters",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Inspect dead letters.",
            "",
            "A dead letter is a record a service could not or must not process, copied with its key, value and"
                    + " headers unchanged to <topic>.dlq, with meshfleet.dlq.* headers saying why, where it came"
                    + " from, which service refused it and when."
        },
        subcommands = ListDeadLettersCommand.class,
        footer = {
            "",
            "Example:",
            "  fleetctl dead-letters list --topic fleet.agent.commands --since 2h"
        })
public final class DeadLettersCommand {

    @ParentCommand
    private Fleetctl fleetctl;

    /** The top command, which holds the clock and the environment. */
    Fleetctl fleetctl() {
        return fleetctl;
    }
}
