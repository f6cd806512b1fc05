package io.meshfleet.fleetctl.plan;

import io.meshfleet.fleetctl.VersionProvider;
import picocli.CommandLine.Command;

/** {@code fleetctl plan}: create, drive and follow upgrade plans on the orchestrator. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = {
            "Plans move a fleet's clusters to a mesh version, canary first, in waves. Create one from a YAML or JSON",
            "file (preview it with --dry-run), start it, follow it, pause, resume, approve or abort it, retry a cluster.",
            "Every action needs --reason: it is recorded in the audit trail."
        },
        subcommands = {CreatePlanCommand.class, ListPlansCommand.class, PlanStatusCommand.class,
            PlanActionCommand.Start.class, PlanActionCommand.Pause.class, PlanActionCommand.Resume.class,
            PlanActionCommand.Approve.class, PlanActionCommand.Abort.class, RetryClusterCommand.class},
        footer = {
            "",
            "Roles (the token's groups claim): viewer reads; operator creates, starts, pauses, resumes, aborts, retries;",
            "approver approves.",
            "",
            "Examples:",
            "  fleetctl plan create -f plan.yaml --dry-run",
            "  fleetctl plan create -f plan.yaml",
            "  fleetctl plan start plan-1a2b3c4d --reason 'CHG-1234: downgrade prod to 1.5.10'",
            "  fleetctl plan status plan-1a2b3c4d --watch"
        })
public final class PlanCommand {
}
