package io.meshfleet.fleetctl.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.EnumConverter;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.deadletters.Since;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetctl audit}: the orchestrator's audit trail ({@code GET /api/v1/audit}, every page through its
 * {@code nextCursor}), filtered, as a table, JSON Lines or CSV; {@code audit verify} checks its hash chain.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Show the audit trail: who did or decided what, to which plan, wave and cluster, and why, oldest first.",
            "Every filter is optional; all given must match. Needs the viewer (or operator, approver) role."
        },
        subcommands = VerifyAuditCommand.class,
        footer = {
            "",
            "Entry types: PLAN_CREATED, PLAN_STATE, WAVE_STATE, CLUSTER_STEP, COMMAND_SENT, OPERATOR_ACTION,",
            "OPERATOR_REJECTED.",
            "",
            "Exit codes: 0 listed (also when nothing matched), 1 refused by the orchestrator, 2 unreachable or a bad",
            "            option.",
            "",
            "Examples:",
            "  fleetctl audit --plan plan-1a2b3c4d --cluster user-01",
            "  fleetctl audit --actor alice --type OPERATOR_ACTION --since 7d",
            "  fleetctl audit --plan plan-1a2b3c4d --since 2026-11-27T00:00:00Z --until 2026-11-28T00:00:00Z -o csv > audit.csv",
            "  fleetctl audit verify"
        })
public final class AuditCommand implements Callable<Integer> {

    /** How entries are printed. */
    enum Format { TABLE, JSON, CSV }

    static final class FormatConverter extends EnumConverter<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    /** Entries asked for per page (the orchestrator allows up to 1000). */
    static final int PAGE = 500;

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Option(names = "--plan", paramLabel = "PLAN", description = "Only entries of this plan.")
    private String plan;

    @Option(names = "--cluster", paramLabel = "CLUSTER", description = "Only entries about this cluster.")
    private String cluster;

    @Option(names = "--actor", paramLabel = "ACTOR",
            description = "Only entries by this actor: an operator (the token's subject) or orchestrator.")
    private String actor;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only entries of this type (see below).")
    private String type;

    @Option(names = "--since", paramLabel = "WHEN", converter = Since.Converter.class,
            description = "Only entries at or after WHEN: an ISO-8601 instant (2026-11-27T01:00:00Z) or a duration back"
                    + " from now (30m, 2h, 7d, PT2H).")
    private Since since;

    @Option(names = "--until", paramLabel = "WHEN", converter = Since.Converter.class,
            description = "Only entries before WHEN, in the same forms.")
    private Since until;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table, json (JSON Lines: one entry per line) or csv (RFC 4180, the orchestrator's export"
                    + " columns). Default: ${DEFAULT-VALUE}.")
    private Format output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Fleetctl root = (Fleetctl) spec.root().userObject();
        Instant from = since == null ? null : since.resolve(root.clock());
        Instant to = until == null ? null : until.resolve(root.clock());
        if (from != null && to != null && !from.isBefore(to)) {
            err.println("--since (" + from + ") must be before --until (" + to + ")");
            return 2;
        }
        List<JsonNode> table = new ArrayList<>();
        if (output == Format.CSV) {
            out.println(AuditCsv.HEADER);
        }
        try {
            Orchestrator orchestrator = options.connect(spec);
            String cursor = null;
            do {
                JsonNode page = orchestrator.get(path(from, to, cursor), Orchestrator.VIEWER);
                for (JsonNode entry : page.path("entries")) {
                    switch (output) {
                        case TABLE -> table.add(entry);
                        case JSON -> out.println(RestClient.json().writeValueAsString(entry));
                        case CSV -> out.println(AuditCsv.line(entry));
                    }
                }
                out.flush();
                JsonNode next = page.path("nextCursor");
                cursor = next.isMissingNode() || next.isNull() ? null : next.asText();
            } while (cursor != null);
        } catch (ApiException e) {
            out.flush();
            err.println(e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (output == Format.TABLE) {
            if (table.isEmpty()) {
                out.println("no audit entries match");
            } else {
                AuditTable.lines(table).forEach(out::println);
            }
        }
        return 0;
    }

    private String path(Instant from, Instant to, String cursor) {
        List<String> query = new ArrayList<>();
        add(query, "plan", plan);
        add(query, "cluster", cluster);
        add(query, "actor", actor);
        add(query, "type", type);
        add(query, "from", from == null ? null : from.toString());
        add(query, "to", to == null ? null : to.toString());
        add(query, "cursor", cursor);
        query.add("limit=" + PAGE);
        return "/api/v1/audit?" + String.join("&", query);
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + Orchestrator.encode(value.strip()));
        }
    }
}
