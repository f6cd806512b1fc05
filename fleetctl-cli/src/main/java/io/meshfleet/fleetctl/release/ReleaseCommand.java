package io.meshfleet.fleetctl.release;

import io.meshfleet.fleetctl.VersionProvider;
import picocli.CommandLine.Command;

/** {@code fleetctl release}: verify a release archive offline, mirror releases, list the mirrored ones. */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = "Verify, mirror and list mesh releases (istio-<version>-<platform> archives).",
        subcommands = {VerifyReleaseCommand.class, MirrorReleaseCommand.class, ListReleasesCommand.class},
        footer = {
            "",
            "Examples:",
            "  fleetctl release verify istio-1.5.10-asm.2-linux.tar.gz --signature istio-1.5.10-asm.2-linux.tar.gz.1.sig",
            "  fleetctl release mirror --version 1.5.10-asm.2 --source /mnt/carried-in --wait",
            "  fleetctl release list"
        })
public final class ReleaseCommand {
}
