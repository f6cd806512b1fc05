package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetctl plan retry}: {@code POST /api/v1/plans/{planId}/clusters/{clusterId}/retry}. */
@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = {
            "Retry a FAILED or ROLLED_BACK cluster of a plan from the start of its procedure.",
            "A HALTED plan runs again once its failures are back within bounds. Needs the operator role."
        },
        footer = {
            "",
            PlanActionCommand.EXIT_CODES,
            "",
            "Examples:",
            "  fleetctl plan retry plan-1a2b3c4d --cluster user-07 --reason 'node pool repaired'"
        })
public final class RetryClusterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan's id.")
    private String planId;

    @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "The failed cluster.")
    private String clusterId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded in the audit trail.")
    private String reason;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (reason.isBlank()) {
            err.println("--reason must say why (it is recorded in the audit trail)");
            return 2;
        }
        Orchestrator orchestrator = null;
        try {
            orchestrator = options.connect(spec);
            JsonNode plan = orchestrator.post(Plans.path(planId, "/clusters/" + Orchestrator.encode(clusterId) + "/retry"),
                    Map.of("reason", reason.strip()), Orchestrator.OPERATOR);
            String step = "?";
            for (JsonNode cluster : plan.path("clusters")) {
                if (clusterId.equals(cluster.path("clusterId").asText())) {
                    step = cluster.path("step").asText() + ", attempt " + cluster.path("attempt").asInt();
                }
            }
            out.println("retrying " + clusterId + " of plan " + planId + ": " + step + "; plan " + plan.path("state").asText());
            out.println("follow it with: fleetctl plan status " + planId + " --watch");
            return 0;
        } catch (ApiException e) {
            ApiException explained = orchestrator == null ? e : Plans.notFound(e, orchestrator, planId);
            err.println(explained.status() == 409
                    ? "the orchestrator refused to retry " + clusterId + " of plan " + planId + " (409): "
                            + PlanActionCommand.refusal(explained)
                    : explained.getMessage());
            return explained.exitCode();
        }
    }
}
