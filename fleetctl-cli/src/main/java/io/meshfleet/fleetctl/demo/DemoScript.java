package io.meshfleet.fleetctl.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.api.TextTable;
import io.meshfleet.fleetctl.Fleetctl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * What the demo does once everything runs, through the services' REST APIs exactly as an operator would with
 * fleetctl: mirror and verify the release, wait for the agents' reports, preview the plan, run it (approving the
 * waves that ask for it), and show the outcome per cluster and the audit trail.
 */
final class DemoScript {

    static final String PLAN = """
            name: demo-downgrade-to-1.5.10
            targetVersion: 1.5.10-asm.2
            fromVersion: 1.6.14-asm.1
            profile: asm-multicloud
            selector: {matchLabels: {env: prod}}
            waves:
              - {clusters: [user-01]}
              - {percent: 40, maxConcurrency: 3, maxFailures: 0, soak: 5s}
              - {percent: 100, maxConcurrency: 4, maxFailures: 1, soak: 5s, requireApproval: true}
            sidecarLimits: {podsPerMinutePerNamespace: 100, podsPerMinutePerCluster: 100, maxUnavailable: "25%"}
            failurePolicy: HALT
            """;

    private static final Duration POLL = Duration.ofMillis(500);

    private final DemoEnvironment environment;
    private final DemoProgress progress;
    private final Duration timeout;
    private final RestClient artifacts;
    private final RestClient orchestrator;

    DemoScript(DemoEnvironment environment, DemoProgress progress, Duration timeout) {
        this.environment = environment;
        this.progress = progress;
        this.timeout = timeout;
        this.artifacts = new RestClient("artifact-service", environment.url("artifact-service"), null, "the demo");
        this.orchestrator = new RestClient("orchestrator", environment.url("orchestrator"), environment.token(), "the demo");
    }

    /** Runs the demo's story; the exit code of the demo. */
    int run() throws InterruptedException {
        try {
            if (!mirror()) {
                return 1;
            }
            awaitInventory();
            preview();
            String planId = runPlan();
            return report(planId);
        } catch (ApiException e) {
            progress.line("the demo stopped: " + e.getMessage());
            return 1;
        }
    }

    private boolean mirror() throws ApiException, InterruptedException {
        String version = DemoEnvironment.TARGET_VERSION;
        progress.section("Mirroring and verifying " + version + " (the seed's download-and-openssl step, once for the fleet)");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("version", version);
        request.put("platforms", List.of("linux"));
        request.put("source", environment.release().directory().toString());
        artifacts.post("/api/v1/mirrors", request, Map.of("Idempotency-Key", "demo-mirror-" + version));
        JsonNode finished = poll(Duration.ofMinutes(3), "the mirror of " + version, () -> {
            for (JsonNode row : artifacts.get("/api/v1/mirrors")) {
                if (("demo-mirror-" + version).equals(row.path("requestId").asText())
                        && List.of("DONE", "FAILED").contains(row.path("status").asText())) {
                    return row;
                }
            }
            return null;
        });
        if (!"DONE".equals(finished.path("status").asText())) {
            progress.step("the release was rejected: " + finished.path("detail").asText());
            return false;
        }
        JsonNode record = artifacts.get("/api/v1/releases/" + version + "/linux");
        progress.step("verified " + record.path("archiveName").asText() + ": sha256 " + record.path("sha256").asText()
                + ", " + record.path("sizeBytes").asLong() + " bytes, signed by pinned key " + record.path("keyId").asText());
        return true;
    }

    private void awaitInventory() throws ApiException, InterruptedException {
        int expected = environment.fleet().clusterNames().size();
        progress.section("Waiting for the cluster-agent's first reports from " + expected + " clusters");
        poll(Duration.ofMinutes(3), "reports from every cluster", () -> {
            JsonNode all = orchestrator.get("/api/v1/clusters");
            return all.size() >= expected ? all : null;
        });
        fleetctl("clusters", "list");
    }

    private void preview() throws ApiException {
        progress.section("Previewing the plan (dry run)");
        progress.line(PLAN.strip().indent(2).stripTrailing());
        Path file = environment.work().resolve("demo-plan.yaml");
        try {
            Files.writeString(file, PLAN);
        } catch (IOException e) {
            throw new ApiException(ApiException.EXIT_UNREACHABLE, 0, "cannot write " + file + ": " + e.getMessage());
        }
        fleetctl("plan", "create", "-f", file.toString(), "--dry-run");
        progress.line(String.format("  (the ETA is for real clusters, from the seed's figures; the simulated fleet runs %.0f"
                + " times faster)", environment.fleet().timeScale()));
    }

    private String runPlan() throws ApiException, InterruptedException {
        progress.section("Running the plan: canary first, then the waves");
        JsonNode created = orchestrator.postDocument("/api/v1/plans", "application/yaml", PLAN);
        String planId = created.path("planId").asText();
        orchestrator.post("/api/v1/plans/" + planId + "/start", Map.of("reason", "demo: downgrade the fleet to 1.5.10"),
                Map.of());
        progress.step("plan " + planId + " started");
        Map<String, String> lastStep = new HashMap<>();
        Map<Integer, String> lastWave = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode plan = orchestrator.get("/api/v1/plans/" + planId);
            for (JsonNode wave : plan.path("waves")) {
                int index = wave.path("index").asInt();
                String state = wave.path("state").asText();
                if (!state.equals(lastWave.put(index, state))) {
                    progress.step("wave " + index + " " + state + " " + bar(plan, index));
                    if ("AWAITING_APPROVAL".equals(state)) {
                        orchestrator.post("/api/v1/plans/" + planId + "/approve",
                                Map.of("reason", "demo: canary and earlier waves are healthy"), Map.of());
                        progress.step("wave " + index + " approved by demo-operator");
                    }
                }
            }
            for (JsonNode cluster : plan.path("clusters")) {
                String id = cluster.path("clusterId").asText();
                String step = cluster.path("step").asText();
                if (!step.equals(lastStep.put(id, step))) {
                    String failure = cluster.path("failure").isNull() || cluster.path("failure").isMissingNode() ? ""
                            : " (" + cluster.path("failure").asText() + ": " + cluster.path("failureDetail").asText() + ")";
                    progress.step("  " + id + " (wave " + cluster.path("wave").asInt() + ") " + step + failure);
                }
            }
            String state = plan.path("state").asText();
            if (List.of("SUCCEEDED", "HALTED", "ABORTED").contains(state)) {
                progress.step("plan " + planId + " " + state);
                return planId;
            }
            if (System.nanoTime() > deadline) {
                progress.step("plan " + planId + " still " + state + " after " + timeout + "; giving up");
                return planId;
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // polling a remote service
        }
    }

    private int report(String planId) throws ApiException {
        progress.section("Result per cluster");
        JsonNode plan = orchestrator.get("/api/v1/plans/" + planId);
        Map<String, JsonNode> inventory = new HashMap<>();
        for (JsonNode cluster : orchestrator.get("/api/v1/clusters")) {
            inventory.put(cluster.path("clusterId").asText(), cluster);
        }
        String target = DemoEnvironment.TARGET_VERSION;
        String state = plan.path("state").asText();
        boolean allMoved = "SUCCEEDED".equals(state);
        var recorder = environment.fleet().recorder();
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"CLUSTER", "WAVE", "STEP", "MESH", "SIDECARS AT TARGET", "READY", "INSTALLS*",
            "POD RESTARTS*"});
        List<String> untouched = new ArrayList<>();
        for (JsonNode run : plan.path("clusters")) {
            String id = run.path("clusterId").asText();
            JsonNode seen = inventory.getOrDefault(id, RestClient.json().createObjectNode());
            int proxies = 0;
            int atTarget = 0;
            for (var entry : iterable(seen.path("proxyVersions"))) {
                proxies += entry.getValue().asInt();
                if (entry.getKey().startsWith(target)) {
                    atTarget += entry.getValue().asInt();
                }
            }
            boolean moved = target.equals(seen.path("meshVersion").asText()) && proxies > 0 && atTarget == proxies
                    && seen.path("workloadReadyPods").asInt() == seen.path("workloadPods").asInt();
            allMoved &= moved;
            long installs = recorder.installs(id);
            long restarts = recorder.restarts(id);
            if (installs == 0 && restarts == 0) {
                untouched.add(id);
            }
            table.add(new String[] {id, run.path("wave").asText(), run.path("step").asText(),
                seen.path("meshVersion").asText("-"), atTarget + "/" + proxies,
                seen.path("workloadReadyPods").asInt() + "/" + seen.path("workloadPods").asInt(),
                String.valueOf(installs), String.valueOf(restarts)});
        }
        printTable(table);
        progress.line("  * as fleet-sim recorded them: control-plane installs and pod deletions the cluster received");
        if (!"SUCCEEDED".equals(state)) {
            for (JsonNode run : plan.path("clusters")) {
                if (!run.path("failure").isNull() && !run.path("failure").isMissingNode()) {
                    progress.line("  " + run.path("clusterId").asText() + " failed: " + run.path("failure").asText()
                            + ": " + run.path("failureDetail").asText());
                }
            }
            progress.line("  the plan " + state.toLowerCase(java.util.Locale.ROOT) + "; untouched (no install, no restart): "
                    + (untouched.isEmpty() ? "none" : untouched.size() + " clusters " + untouched));
        }

        progress.section("Audit trail");
        Map<String, Integer> byType = new TreeMap<>();
        int entries = 0;
        String cursor = null;
        do {
            JsonNode page = orchestrator.get("/api/v1/audit?plan=" + planId + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode entry : page.path("entries")) {
                byType.merge(entry.path("type").asText(), 1, Integer::sum);
                entries++;
            }
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asText();
        } while (cursor != null);
        progress.line("  " + entries + " entries for plan " + planId + ": " + byType);
        String canary = plan.path("waves").path(0).path("clusters").path(0).asText();
        progress.line("  the canary's trail:");
        fleetctl("audit", "--plan", planId, "--cluster", canary);
        boolean intact = fleetctl("audit", "verify") == 0;

        boolean done = allMoved && intact;
        progress.section(done ? "Done: every targeted cluster is at " + target + " with every sidecar converged"
                : !intact ? "Not done: the audit trail does not verify (see above)"
                : "Not done: the plan ended " + state + "; see the table above and the logs in "
                        + environment.work().resolve("logs"));
        return done ? 0 : 1;
    }

    /**
     * Runs a fleetctl command exactly as an operator would type it (with the demo's URLs and token in its environment,
     * as {@code --keep-running} prints them) and shows the command and its output.
     */
    private int fleetctl(String... args) {
        progress.line("  $ fleetctl " + String.join(" ", args));
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text);
        Map<String, String> env = Map.of("MESHFLEET_ORCHESTRATOR_URL", environment.url("orchestrator"),
                "MESHFLEET_ARTIFACT_URL", environment.url("artifact-service"),
                "MESHFLEET_TOKEN", environment.token(),
                "KAFKA_BOOTSTRAP_SERVERS", environment.bootstrapServers());
        int exit = new CommandLine(new Fleetctl(Clock.systemUTC(), env)).setOut(writer).setErr(writer).execute(args);
        writer.flush();
        text.toString().lines().forEach(line -> progress.line("    " + line));
        return exit;
    }

    private static String bar(JsonNode plan, int wave) {
        int total = 0;
        int done = 0;
        for (JsonNode cluster : plan.path("clusters")) {
            if (cluster.path("wave").asInt() == wave) {
                total++;
                if ("SUCCEEDED".equals(cluster.path("step").asText())) {
                    done++;
                }
            }
        }
        int width = 20;
        int filled = total == 0 ? 0 : done * width / total;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total;
    }

    private void printTable(List<String[]> rows) {
        TextTable.lines(rows).forEach(line -> progress.line("  " + line));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    @FunctionalInterface
    private interface Probe {
        JsonNode check() throws ApiException;
    }

    private JsonNode poll(Duration limit, String what, Probe probe) throws ApiException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode result = probe.check();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(ApiException.EXIT_REFUSED, 0, "gave up waiting for " + what + " after " + limit
                        + "; see the logs in " + environment.work().resolve("logs"));
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // polling a remote service
        }
    }
}
