package io.meshfleet.fleetctl.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.VersionProvider;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.ArtifactServiceOptions;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.api.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl release list}: the verified releases the artifact-service serves, with their verification record. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = VersionProvider.class,
        description = "List the verified releases with their verification record (digest, size, key, source, time).",
        footer = {
            "",
            "Exit codes: 0 listed, 1 refused by the service, 2 the artifact-service is unreachable.",
            "",
            "Examples:",
            "  fleetctl release list",
            "  fleetctl release list --rejections        # what was refused, and why",
            "  fleetctl release list -o json | jq -r '.[] | select(.platform==\"linux\") | .sha256'"
        })
public final class ListReleasesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ArtifactServiceOptions service;

    @Option(names = "--rejections", description = "List the latest refused archives and their reasons instead.")
    private boolean rejections;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json. Default: ${DEFAULT-VALUE}.")
    private String output;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!"table".equals(output) && !"json".equals(output)) {
            err.println("-o must be table or json, not '" + output + "'");
            return 2;
        }
        JsonNode rows;
        try {
            RestClient client = service.client(spec);
            rows = client.get(rejections ? "/api/v1/rejections" : "/api/v1/releases");
        } catch (ApiException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        if ("json".equals(output)) {
            out.println(RestClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            return 0;
        }
        if (rows.isEmpty()) {
            out.println(rejections ? "no rejections" : "no verified releases: mirror one with fleetctl release mirror");
            return 0;
        }
        List<String[]> table = new ArrayList<>();
        if (rejections) {
            table.add(new String[] {"TIME", "VERSION", "PLATFORM", "REASON", "DETAIL"});
            for (JsonNode row : rows) {
                table.add(new String[] {row.path("rejectedAt").asText(), row.path("version").asText(),
                    row.path("platform").asText(), row.path("reason").asText(), abbreviate(row.path("detail").asText(), 100)});
            }
        } else {
            table.add(new String[] {"VERSION", "PLATFORM", "SHA256", "SIZE", "KEY", "VERIFIED", "SOURCE"});
            for (JsonNode row : rows) {
                table.add(new String[] {row.path("version").asText(), row.path("platform").asText(),
                    row.path("sha256").asText().substring(0, Math.min(16, row.path("sha256").asText().length())),
                    megabytes(row.path("sizeBytes").asLong()), row.path("keyId").asText(),
                    row.path("verifiedAt").asText(), row.path("source").asText()});
            }
        }
        TextTable.lines(table).forEach(out::println);
        return 0;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1 << 20 ? String.format("%.1f MiB", bytes / (double) (1 << 20)) : bytes + " B";
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
