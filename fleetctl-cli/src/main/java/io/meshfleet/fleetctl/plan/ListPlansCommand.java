package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.EnumConverter;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.api.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl plan list}: {@code GET /api/v1/plans}, newest first. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = "List the plans, newest first, with their state and how many clusters are done.",
        footer = {
            "",
            "Exit codes: 0 listed, 1 refused by the orchestrator, 2 unreachable or a bad option.",
            "",
            "Examples:",
            "  fleetctl plan list",
            "  fleetctl plan list --state RUNNING -o json"
        })
public final class ListPlansCommand implements Callable<Integer> {

    /** How the plans are printed. */
    enum Format { TABLE, JSON }

    static final class FormatConverter extends EnumConverter<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    /** The plan states the orchestrator knows. */
    static final List<String> STATES = List.of("DRAFT", "RUNNING", "PAUSED", "HALTED", "SUCCEEDED", "ABORTED");

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only plans in this state: DRAFT, RUNNING, PAUSED, HALTED, SUCCEEDED or ABORTED.")
    private String state;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table or json. Default: ${DEFAULT-VALUE}.")
    private Format output;

    @Override
    public Integer call() throws JsonProcessingException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String wanted = state == null ? null : state.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATES.contains(wanted)) {
            err.println("--state must be one of " + String.join(", ", STATES) + "; was '" + state + "'");
            return 2;
        }
        JsonNode plans;
        try {
            plans = options.connect(spec).get("/api/v1/plans" + (wanted == null ? "" : "?state=" + wanted),
                    Orchestrator.VIEWER);
        } catch (ApiException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        if (output == Format.JSON) {
            out.println(RestClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(plans));
            return 0;
        }
        if (plans.isEmpty()) {
            out.println(wanted == null ? "no plans: create one with fleetctl plan create -f plan.yaml" : "no " + wanted + " plans");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PLAN", "NAME", "TARGET", "STATE", "CLUSTERS DONE", "FAILED", "WAVE", "CREATED BY", "CREATED"});
        for (JsonNode plan : plans) {
            int done = 0;
            int failed = 0;
            for (JsonNode cluster : plan.path("clusters")) {
                String step = cluster.path("step").asText();
                done += "SUCCEEDED".equals(step) ? 1 : 0;
                failed += List.of("FAILED", "ROLLING_BACK", "ROLLED_BACK").contains(step) ? 1 : 0;
            }
            rows.add(new String[] {plan.path("planId").asText(), dash(plan.path("name")), dash(plan.path("targetVersion")),
                plan.path("state").asText(), done + "/" + plan.path("clusters").size(), Integer.toString(failed),
                currentWave(plan), dash(plan.path("createdBy")), dash(plan.path("createdAt"))});
        }
        TextTable.lines(rows).forEach(out::println);
        return 0;
    }

    /** The first wave that has not succeeded, with its state, e.g. {@code 1 RUNNING}; {@code -} when all have. */
    private static String currentWave(JsonNode plan) {
        JsonNode waves = plan.path("waves");
        for (JsonNode wave : waves) {
            String state = wave.path("state").asText();
            if (!"SUCCEEDED".equals(state)) {
                return wave.path("index").asInt() + " " + state;
            }
        }
        return "-";
    }

    private static String dash(JsonNode value) {
        String text = PlanProgress.text(value);
        return text.isEmpty() ? "-" : text;
    }
}
