package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The operator actions on a plan ({@code POST /api/v1/plans/{planId}/<action>} with the orchestrator's
 * {@code ActionRequest} body: reason, and wave for approve): start, pause, resume, abort, approve.
 */
public abstract class PlanActionCommand implements Callable<Integer> {

    static final String EXIT_CODES = "Exit codes: 0 done, 1 the orchestrator refused (no such plan, not allowed in the"
            + " plan's state, missing role), 2 unreachable or a bad option.";

    @Spec
    CommandSpec spec;

    @Mixin
    OrchestratorOptions options;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan's id, e.g. plan-1a2b3c4d (fleetctl plan list).")
    String planId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why; recorded in the audit trail with your token's subject.")
    String reason;

    private final String action;
    private final String role;
    private final String done;

    PlanActionCommand(String action, String role, String done) {
        this.action = action;
        this.role = role;
        this.done = done;
    }

    /** The wave to approve, for approve; null otherwise. */
    Integer wave() {
        return null;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (reason.isBlank()) {
            err.println("--reason must say why (it is recorded in the audit trail)");
            return 2;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason.strip());
        if (wave() != null) {
            body.put("wave", wave());
        }
        Orchestrator orchestrator = null;
        try {
            orchestrator = options.connect(spec);
            JsonNode plan = orchestrator.post(Plans.path(planId, "/" + action), body, role);
            out.println(done + " plan " + planId + ": now " + plan.path("state").asText());
            out.println("follow it with: fleetctl plan status " + planId + " --watch");
            return 0;
        } catch (ApiException e) {
            ApiException explained = orchestrator == null ? e : Plans.notFound(e, orchestrator, planId);
            err.println(explained.status() == 409
                    ? "the orchestrator refused to " + action + " plan " + planId + " (409): " + refusal(explained)
                    : explained.getMessage());
            return explained.exitCode();
        }
    }

    /** The orchestrator's reason out of the client's "the orchestrator answered 409: reason". */
    static String refusal(ApiException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return message.startsWith("the orchestrator answered") && colon > 0 ? message.substring(colon + 2) : message;
    }

    /** {@code fleetctl plan start}. */
    @Command(name = "start", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = "Start a DRAFT plan: the canary wave begins. Needs the operator role.",
            footer = {"", EXIT_CODES, "", "Examples:",
                "  fleetctl plan start plan-1a2b3c4d --reason 'CHG-1234: downgrade prod to 1.5.10'"})
    public static final class Start extends PlanActionCommand {
        public Start() {
            super("start", Orchestrator.OPERATOR, "started");
        }
    }

    /** {@code fleetctl plan pause}. */
    @Command(name = "pause", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = {"Pause a plan: nothing new starts; clusters being changed finish their steps.",
                "Needs the operator role."},
            footer = {"", EXIT_CODES, "", "Examples:",
                "  fleetctl plan pause plan-1a2b3c4d --reason 'freeze window starts'"})
    public static final class Pause extends PlanActionCommand {
        public Pause() {
            super("pause", Orchestrator.OPERATOR, "paused");
        }
    }

    /** {@code fleetctl plan resume}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = {"Resume a PAUSED plan, or a HALTED one whose failures are back within bounds.",
                "Needs the operator role."},
            footer = {"", EXIT_CODES, "", "Examples:",
                "  fleetctl plan resume plan-1a2b3c4d --reason 'freeze window over'"})
    public static final class Resume extends PlanActionCommand {
        public Resume() {
            super("resume", Orchestrator.OPERATOR, "resumed");
        }
    }

    /** {@code fleetctl plan abort}. */
    @Command(name = "abort", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = {"Abort a plan, for good: sidecar rolls stop, pending clusters are skipped.",
                "An aborted plan cannot be resumed. Needs the operator role."},
            footer = {"", EXIT_CODES, "", "Examples:",
                "  fleetctl plan abort plan-1a2b3c4d --reason 'canary error rate up; rolling back by hand'"})
    public static final class Abort extends PlanActionCommand {
        public Abort() {
            super("abort", Orchestrator.OPERATOR, "aborted");
        }
    }

    /** {@code fleetctl plan approve}. */
    @Command(name = "approve", mixinStandardHelpOptions = true, usageHelpWidth = 120,
            versionProvider = VersionProvider.class,
            description = {"Approve the wave awaiting approval so it starts. Needs the approver role."},
            footer = {"", EXIT_CODES, "", "Examples:",
                "  fleetctl plan approve plan-1a2b3c4d --reason 'canary healthy for 24h, CAB approved'",
                "  fleetctl plan approve plan-1a2b3c4d --wave 2 --reason 'CAB approved wave 2'"})
    public static final class Approve extends PlanActionCommand {
        @Option(names = "--wave", paramLabel = "N",
                description = "The wave to approve. Default: the one awaiting approval.")
        Integer wave;

        public Approve() {
            super("approve", Orchestrator.APPROVER, "approved a wave of");
        }

        @Override
        Integer wave() {
            return wave;
        }
    }
}
