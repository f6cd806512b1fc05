package io.meshfleet.fleetctl.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.ArtifactServiceOptions;
import io.meshfleet.fleetctl.api.RestClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl release mirror}: asks the artifact-service to fetch, verify and publish a release. */
@Command(
        name = "mirror",
        usageHelpWidth = 120,
        sortOptions = false,
        description = {
            "Mirror a release into the artifact-service: fetch istio-<version>-<platform> and its .1.sig, verify the",
            "signature against the pinned keys, extract safely, and serve it to agents. Nothing unverified is ever served."
        },
        footer = {
            "",
            "Exit codes: 0 queued (with --wait: every platform verified), 1 refused or a platform was rejected,",
            "            2 the artifact-service is unreachable.",
            "",
            "Examples:",
            "  # from a directory an air-gapped site carried the files into (a path on the artifact-service's host):",
            "  fleetctl release mirror --version 1.5.10-asm.2 --source /mnt/carried-in --wait",
            "  # from an HTTP(S) mirror of the release bucket, for the platforms agents and laptops need:",
            "  fleetctl release mirror --version 1.5.10-asm.2 --source https://mirror.example/asm -p linux -p osx"
        })
public final class MirrorReleaseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ArtifactServiceOptions service;

    // Not mixinStandardHelpOptions: its --version would clash with the release version below.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "e.g. 1.5.10-asm.2")
    private String version;

    @Option(names = "--source", required = true, paramLabel = "URL|DIR",
            description = "An http(s) base URL holding the archives, or an absolute directory on the artifact-service's host.")
    private String source;

    @Option(names = {"--platform", "-p"}, paramLabel = "PLATFORM", defaultValue = "linux", split = ",",
            description = "linux, osx or win; repeatable or comma-separated. Default: linux (what agents run).")
    private List<String> platforms;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Makes a retried command safe: the same key is queued once. Default: a new random key.")
    private String idempotencyKey;

    @Option(names = "--wait", description = "Wait until the mirror has finished and print each platform's outcome.")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long --wait waits (ISO-8601). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        try {
            RestClient client = service.client(spec);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", version);
            body.put("platforms", platforms);
            body.put("source", source);
            JsonNode answer = client.post("/api/v1/mirrors", body, Map.of("Idempotency-Key", key));
            String requestId = answer.path("requestId").asText(key);
            out.println("mirror request " + requestId + (answer.path("duplicate").asBoolean() ? " (already queued)" : " queued")
                    + " for " + version + " " + platforms);
            if (!await) {
                out.println("follow it with: fleetctl release list, or GET /api/v1/mirrors");
                return 0;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode request = find(client.get("/api/v1/mirrors"), requestId);
                String status = request == null ? "QUEUED" : request.path("status").asText();
                if ("DONE".equals(status) || "FAILED".equals(status)) {
                    out.println(status + ":");
                    for (String line : request.path("detail").asText("").split("\n")) {
                        out.println("  " + line);
                    }
                    return "DONE".equals(status) ? 0 : 1;
                }
                if (System.nanoTime() > deadline) {
                    err.println("still " + status + " after " + timeout + "; it goes on in the artifact-service");
                    return 1;
                }
                TimeUnit.MILLISECONDS.sleep(500); // polling a remote service, not synchronising threads
            }
        } catch (ApiException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    private static JsonNode find(JsonNode requests, String requestId) {
        for (JsonNode request : requests) {
            if (requestId.equals(request.path("requestId").asText())) {
                return request;
            }
        }
        return null;
    }
}
