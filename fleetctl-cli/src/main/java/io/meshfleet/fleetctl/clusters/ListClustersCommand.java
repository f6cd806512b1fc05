package io.meshfleet.fleetctl.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.EnumConverter;
import io.meshfleet.fleetctl.api.Orchestrator;
import io.meshfleet.fleetctl.api.OrchestratorOptions;
import io.meshfleet.fleetctl.api.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl clusters list}: {@code GET /api/v1/clusters} as a table, JSON or YAML. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "List the clusters the orchestrator knows (every cluster whose agent has reported), ordered by id.",
        footer = {
            "",
            "Columns: the mesh version, control-plane pods ready/total, workload pods ready/total, the sidecar proxy",
            "versions with their pod counts, the labels, and when the agent last reported.",
            "",
            "Exit codes: 0 listed (also when nothing matched), 1 refused by the orchestrator (e.g. a bad selector or a",
            "            missing role: viewer is enough), 2 the orchestrator is unreachable or a bad option.",
            "",
            "Examples:",
            "  fleetctl clusters list",
            "  fleetctl clusters list --selector env=prod --selector region=tokyo -o json",
            "  fleetctl clusters list --mesh-version 1.6.14-asm.1 --kind USER -o yaml"
        })
public final class ListClustersCommand implements Callable<Integer> {

    /** How the clusters are printed. */
    enum Format { TABLE, JSON, YAML }

    static final class FormatConverter extends EnumConverter<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private OrchestratorOptions options;

    @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE", split = ",",
            description = "Only clusters carrying this label; repeatable or comma-separated (all must match).")
    private List<String> selector = new ArrayList<>();

    @Option(names = "--mesh-version", paramLabel = "VERSION",
            description = "Only clusters whose control plane runs this mesh version, e.g. 1.6.14-asm.1.")
    private String meshVersion;

    @Option(names = "--kind", paramLabel = "KIND", description = "USER or ADMIN.")
    private String kind;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table, json or yaml. Default: ${DEFAULT-VALUE}.")
    private Format output;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        for (String label : selector) {
            if (label.indexOf('=') < 1) {
                err.println("--selector must be KEY=VALUE, e.g. env=prod; was '" + label + "'");
                return 2;
            }
        }
        if (kind != null && !kind.equalsIgnoreCase("USER") && !kind.equalsIgnoreCase("ADMIN")) {
            err.println("--kind must be USER or ADMIN; was '" + kind + "'");
            return 2;
        }
        JsonNode clusters;
        try {
            Orchestrator orchestrator = options.connect(spec);
            clusters = orchestrator.get(path(), Orchestrator.VIEWER);
        } catch (ApiException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        try {
            switch (output) {
                case JSON -> out.println(RestClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(clusters));
                case YAML -> out.print(new YAMLMapper().writeValueAsString(clusters));
                case TABLE -> {
                    if (clusters.isEmpty()) {
                        out.println(selector.isEmpty() && meshVersion == null && kind == null
                                ? "no clusters: no agent has reported yet; check that the cluster-agents run and reach Kafka"
                                : "no cluster matches");
                    } else {
                        ClusterTable.lines(clusters).forEach(out::println);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private String path() {
        List<String> query = new ArrayList<>();
        selector.forEach(label -> query.add("label=" + Orchestrator.encode(label.strip())));
        if (meshVersion != null) {
            query.add("version=" + Orchestrator.encode(meshVersion));
        }
        if (kind != null) {
            query.add("kind=" + Orchestrator.encode(kind.toUpperCase(java.util.Locale.ROOT)));
        }
        return "/api/v1/clusters" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }
}
