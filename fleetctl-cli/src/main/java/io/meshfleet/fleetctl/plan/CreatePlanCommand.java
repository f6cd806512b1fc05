package io.meshfleet.fleetctl.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.EnumConverter;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import io.meshfleet.fleetctl.api.RestClient;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl plan create}: {@code POST /api/v1/plans} (with {@code ?dryRun=true}: the preview). */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Create a DRAFT plan from a YAML or JSON file, or only preview it (--dry-run).",
            "Nothing changes on a cluster until `plan start`. The preview shows which clusters go in which wave, which",
            "selected clusters are excluded and why, the ETA, and whether the target release is verified. Needs the",
            "operator role."
        },
        footer = {
            "",
            "A plan file (orchestrator/README.md lists every field):",
            "  name: prod-to-1.5.10",
            "  targetVersion: 1.5.10-asm.2",
            "  fromVersion: 1.6.14-asm.1",
            "  selector: {matchLabels: {env: prod}}",
            "  waves:",
            "    - {clusters: [user-01]}",
            "    - {percent: 40, maxConcurrency: 3, maxFailures: 0, soak: 30m}",
            "    - {percent: 100, maxConcurrency: 4, maxFailures: 1, soak: 1h, requireApproval: true}",
            "",
            "Exit codes: 0 created (--dry-run: the plan can be created as previewed), 1 the orchestrator refused the",
            "            plan (its validation messages are printed) or --dry-run found problems, 2 the file cannot be",
            "            read, the orchestrator is unreachable, or a bad option.",
            "",
            "Examples:",
            "  fleetctl plan create -f plan.yaml --dry-run",
            "  fleetctl plan create -f plan.yaml",
            "  fleetctl plan create -f plan.json -o json | jq -r .planId"
        })
public final class CreatePlanCommand implements Callable<Integer> {

    /** How the answer is printed. */
    enum Format { TEXT, JSON }

    static final class FormatConverter extends EnumConverter<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The plan: YAML, or JSON when the name ends in .json.")
    private Path file;

    @Option(names = "--dry-run", description = "Only preview the plan; nothing is created.")
    private boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            description = "text or json (the orchestrator's answer). Default: ${DEFAULT-VALUE}.")
    private Format output;

    @Override
    public Integer call() throws JsonProcessingException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String document;
        try {
            if (!Files.isRegularFile(file)) {
                err.println("no plan file " + file + (Files.isDirectory(file) ? " (it is a directory)" : "")
                        + ": pass the plan's YAML or JSON with -f FILE");
                return 2;
            }
            document = Files.readString(file);
        } catch (CharacterCodingException e) {
            err.println("cannot read the plan file " + file + ": it is not UTF-8 text");
            return 2;
        } catch (IOException e) {
            err.println("cannot read the plan file " + file + ": " + e);
            return 2;
        }
        if (document.isBlank()) {
            err.println("the plan file " + file + " is empty");
            return 2;
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode answer;
        try {
            Orchestrator orchestrator = options.connect(spec);
            answer = orchestrator.postDocument("/api/v1/plans" + (dryRun ? "?dryRun=true" : ""),
                    json ? "application/json" : "application/yaml", document, Orchestrator.OPERATOR);
        } catch (ApiException e) {
            err.println(e.status() == 400 || e.status() == 422
                    ? "the orchestrator refused the plan in " + file + " (" + e.status() + "): "
                            + PlanActionCommand.refusal(e)
                    : e.getMessage());
            return e.exitCode();
        }
        if (output == Format.JSON) {
            out.println(RestClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return dryRun && !PlanPreview.creatable(answer) ? 1 : 0;
        }
        if (dryRun) {
            PlanPreview.lines(answer).forEach(out::println);
            out.println();
            out.println(PlanPreview.creatable(answer) ? "dry run: nothing was created; create it with: fleetctl plan create -f "
                    + file : "dry run: the plan cannot be created as it is; fix the problems above");
            return PlanPreview.creatable(answer) ? 0 : 1;
        }
        String planId = answer.path("planId").asText();
        out.println("created plan " + planId + " (" + answer.path("state").asText() + "): "
                + PlanProgress.text(answer.path("name")) + " -> " + PlanProgress.text(answer.path("targetVersion")) + ", "
                + answer.path("clusters").size() + " clusters in " + answer.path("waves").size() + " waves");
        for (JsonNode wave : answer.path("waves")) {
            StringBuilder ids = new StringBuilder();
            wave.path("clusters").forEach(id -> ids.append(ids.length() == 0 ? "" : ", ").append(id.asText()));
            out.println("  wave " + wave.path("index").asInt() + ": " + ids);
        }
        out.println("start it with: fleetctl plan start " + planId + " --reason '...'");
        return 0;
    }
}
