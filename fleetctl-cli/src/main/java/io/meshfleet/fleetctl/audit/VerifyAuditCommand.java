package io.meshfleet.fleetctl.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code fleetctl audit verify}: {@code GET /api/v1/audit/verify} (the orchestrator's {@code Verification}: valid,
 * checked, firstBroken, problem), and the first broken entry when there is one.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = {
            "Check the audit trail's hash chain; if it is broken, show where.",
            "The orchestrator recomputes each entry's SHA-256 over its fields and the previous entry's hash and reports",
            "the first entry whose content or link is broken: an entry changed or removed behind the application's back."
        },
        footer = {
            "",
            "Exit codes: 0 the chain verifies, 1 it is broken (where and how is printed) or the orchestrator refused,",
            "            2 unreachable.",
            "",
            "Examples:",
            "  fleetctl audit verify"
        })
public final class VerifyAuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Orchestrator orchestrator;
        JsonNode verification;
        try {
            orchestrator = options.connect(spec);
            verification = orchestrator.get("/api/v1/audit/verify", Orchestrator.VIEWER);
        } catch (ApiException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        long checked = verification.path("checked").asLong();
        if (verification.path("valid").asBoolean(false)) {
            out.println("audit trail verified: " + checked + " entries, every hash and link intact");
            return 0;
        }
        JsonNode broken = verification.path("firstBroken");
        String where = broken.isMissingNode() || broken.isNull() ? "an unknown entry" : "entry " + broken.asText();
        out.println("audit trail BROKEN at " + where + " (" + checked + " entries checked): "
                + verification.path("problem").asText("no detail given"));
        if (broken.canConvertToLong()) {
            try {
                JsonNode page = orchestrator.get("/api/v1/audit?cursor=" + (broken.asLong() - 1) + "&limit=1",
                        Orchestrator.VIEWER);
                JsonNode entry = page.path("entries").path(0);
                if (entry.path("seq").asLong(-1) == broken.asLong()) {
                    out.println("entry as stored now:");
                    AuditTable.lines(List.of(entry)).forEach(line -> out.println("  " + line));
                    out.println("  prevHash " + entry.path("prevHash").asText() + "  hash " + entry.path("hash").asText());
                } else {
                    out.println("entry " + broken.asText() + " is no longer in the trail (removed)");
                }
            } catch (ApiException e) {
                err.println("cannot show entry " + broken.asText() + ": " + e.getMessage());
            }
        }
        out.println("entries up to " + (broken.canConvertToLong() ? broken.asLong() - 1 : "?")
                + " are intact; keep the database and this output for the investigation");
        return 1;
    }
}
