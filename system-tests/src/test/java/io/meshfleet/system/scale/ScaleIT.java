package io.meshfleet.system.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.demo.DemoEnvironment;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.system.stack.SystemReport;
import io.meshfleet.system.stack.SystemStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 12 item 5: one plan over a fleet of simulated clusters (50 pods each, time-scaled) through the real stack
 * (Kafka, PostgreSQL, fleet-sim, the four services as separate JVMs, one cluster-agent process per
 * {@link ScaleSize#clustersPerAgent()} clusters), canary first and then the rest at the size's concurrency. Asserts
 * what a user relies on (the plan succeeds, each cluster received exactly one install and ends with every sidecar at
 * the target, the audit chain verifies) and prints the figures: wall time, orchestrator CPU per cluster step, Kafka
 * records per cluster, each process's CPU and peak heap, audit entries written. The table goes to
 * {@code target/system/scale-<size>.md}, and into {@code docs/system-tests.md} with {@code -Dsystem.report=update}.
 *
 * <p>CI size: 30 clusters. {@code -Dsystem.size=full}: 1,000. Larger: {@code -Dscale.clusters=2000} (see
 * {@link ScaleSize}). A capacity probe, {@code -Dscale.observeMinutes=N}, stops watching the plan after N minutes and
 * reports how far it got: the clusters finished per minute, the figures so far, and the clusters by step; it still
 * asserts that no cluster received a second install and that the audit chain verifies.
 */
@Execution(ExecutionMode.CONCURRENT) // its own stack: runs alongside the other system tests (CI time)
class ScaleIT {

    private static final String TARGET = DemoEnvironment.TARGET_VERSION;
    private static final Duration POLL = Duration.ofSeconds(1);
    /** A plan whose clusters' steps do not change for this long has stalled: the test fails with where they stand. */
    private static final Duration STALL_LIMIT = Duration.ofMinutes(3);

    @Test
    void aPlanOverTheWholeFleetSucceedsAndPrintsItsFigures() throws Exception {
        ScaleSize size = ScaleSize.from(System.getProperties());
        Optional<Duration> probe = ScaleSize.observeFor(System.getProperties());
        String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = load();
        Map<String, List<String>> agents = size.agents();
        System.out.println("[scale] " + size + ", agents " + agents.keySet() + ", load " + loadBefore
                + probe.map(d -> ", probe: watching the plan for at most " + d.toMinutes() + " min").orElse(""));

        Scenario scenario = ScenarioReader.read(ScaleFleet.scenario(size), "scale-" + size.label());
        DemoEnvironment.Options options = DemoEnvironment.Options.DEFAULTS
                .withFleet(FleetSim.Options.DEFAULTS.withTimeScale(size.timeScale())
                        .withHistoryLimit(size.historyLimit()))
                .withEnv("sidecar-roller", "MESHFLEET_ROLLER_FLEET_PODS_PER_MINUTE",
                        String.valueOf(ScaleFleet.ROLLER_FLEET_PODS_PER_MINUTE))
                .withEnv("sidecar-roller", "MESHFLEET_ROLLER_MAX_PARALLEL_NAMESPACES",
                        String.valueOf(ScaleFleet.ROLLER_PARALLEL_NAMESPACES));
        for (Map.Entry<String, List<String>> agent : agents.entrySet()) {
            if (!agent.getKey().equals("cluster-agent")) {
                options = options.withAgent(agent.getKey(), agent.getValue());
            }
        }
        for (String service : processNames(agents)) {
            if (!size.xmx().isEmpty()) {
                options = options.withJvmOption(service, "-Xmx" + size.xmx());
            }
            if (size.tieredJit()) {
                options = options.withJvmOption(service, "-XX:TieredStopAtLevel=4"); // the last setting wins
            }
        }

        Instant begin = Instant.now();
        try (SystemStack stack = SystemStack.start("scale", scenario, options);
                StackProcesses processes = new StackProcesses(stack.environment().services(),
                        stack.environment().work().resolve("postgres")).start();
                TopicCounts topics = new TopicCounts(stack.environment().bootstrapServers())) {
            Duration stackStart = Duration.between(begin, Instant.now());
            DemoEnvironment environment = stack.environment();
            RestClient orchestrator = new RestClient("orchestrator", environment.url("orchestrator"),
                    environment.token(), "the scale test");
            RestClient artifacts = new RestClient("artifact-service", environment.url("artifact-service"), null,
                    "the scale test");

            Instant ready = Instant.now();
            mirror(artifacts, environment);
            await("every cluster's first report in the orchestrator's inventory").atMost(inventoryLimit(size))
                    .pollInterval(POLL).until(() -> orchestrator.get("/api/v1/clusters?label=env=" + ScaleFleet.LABEL)
                            .size() >= size.clusters());
            Duration inventory = Duration.between(ready, Instant.now());
            System.out.println("[scale] inventory complete after " + inventory.toMillis() + " ms");

            Map<String, Long> offsetsBefore = topics.read();
            Map<String, Duration> cpuBefore = processes.cpu();
            Instant creating = Instant.now();
            JsonNode created = orchestrator.postDocument("/api/v1/plans", "application/yaml",
                    ScaleFleet.plan(size, TARGET));
            String planId = created.path("planId").asText();
            Duration planCreation = Duration.between(creating, Instant.now());
            System.out.println("[scale] plan " + planId + " created in " + planCreation.toMillis() + " ms");
            Instant started = Instant.now();
            orchestrator.post("/api/v1/plans/" + planId + "/start", Map.of("reason", "scale run " + size.label()),
                    Map.of());
            AtomicReference<String> state = new AtomicReference<>("");
            AtomicReference<Map<String, Integer>> byStep = new AtomicReference<>(Map.of());
            PlanStall stall = new PlanStall(STALL_LIMIT);
            Optional<Instant> stopWatching = probe.map(started::plus);
            await("plan " + planId + " to end").atMost(planLimit(size)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        JsonNode plan = orchestrator.get("/api/v1/plans/" + planId);
                        String now = plan.path("state").asText();
                        if (!now.equals(state.getAndSet(now))) {
                            System.out.println("[scale] plan " + now);
                        }
                        byStep.set(steps(plan));
                        stall.observe(byStep.get(), Instant.now())
                                .ifPresent(change -> System.out.println("[scale] clusters by step " + change));
                        return List.of("SUCCEEDED", "HALTED", "ABORTED").contains(now)
                                || stopWatching.filter(Instant.now()::isAfter).isPresent();
                    });
            Duration planTime = Duration.between(started, Instant.now());
            Map<String, Duration> cpu = StackProcesses.used(cpuBefore, processes.cpu());
            Map<String, Long> written = TopicCounts.written(offsetsBefore, topics.read());
            Map<String, Long> audit = auditByType(orchestrator, planId);

            ScaleFigures figures = new ScaleFigures(size, agents.size(), when, loadBefore, load(),
                    Runtime.getRuntime().availableProcessors(), stackStart, inventory, planCreation, planTime,
                    state.get(), byStep.get(),
                    audit.getOrDefault("CLUSTER_STEP", 0L), audit, cpu, processes.peakHeap(), written,
                    processes.postgresPeak());
            String table = figures.markdown();
            System.out.println("[scale] figures\n" + table);
            SystemReport.publish("scale-" + size.label(), table);

            if (probe.isPresent() && "RUNNING".equals(state.get())) {
                // a probe that stopped watching: what holds for a plan in flight still holds (none yet is fine)
                assertThat(installsNot(stack, size, installs -> installs <= 1))
                        .as("clusters that received more than one install").isEmpty();
            } else {
                JsonNode plan = orchestrator.get("/api/v1/plans/" + planId);
                assertThat(state.get()).as("plan %s: %s", planId, failures(plan)).isEqualTo("SUCCEEDED");
                assertThat(plan.path("clusters").size()).isEqualTo(size.clusters());
                assertEveryClusterMovedOnce(stack, orchestrator, size);
                assertThat(figures.clusterSteps()).as("a CLUSTER_STEP entry per step of every cluster")
                        .isGreaterThanOrEqualTo(5L * size.clusters());
            }
            JsonNode verified = orchestrator.get("/api/v1/audit/verify");
            assertThat(verified.path("valid").asBoolean()).as("audit chain: %s", verified).isTrue();
        }
    }

    private static void mirror(RestClient artifacts, DemoEnvironment environment) throws ApiException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("version", TARGET);
        request.put("platforms", List.of("linux"));
        request.put("source", environment.release().directory().toString());
        artifacts.post("/api/v1/mirrors", request, Map.of("Idempotency-Key", "scale-mirror-" + TARGET));
        await("the mirror of " + TARGET).atMost(Duration.ofMinutes(3)).pollInterval(POLL).until(() -> {
            for (JsonNode row : artifacts.get("/api/v1/mirrors")) {
                if (("scale-mirror-" + TARGET).equals(row.path("requestId").asText())) {
                    assertThat(row.path("status").asText()).as("mirror: %s", row).isNotEqualTo("FAILED");
                    return "DONE".equals(row.path("status").asText());
                }
            }
            return false;
        });
    }

    /** The clusters whose count of control-plane installs (fleet-sim's record) fails {@code expected}, with it. */
    private static List<String> installsNot(SystemStack stack, ScaleSize size, LongPredicate expected) {
        List<String> wrong = new ArrayList<>();
        for (String cluster : size.clusterNames()) {
            long installs = stack.fleet().recorder().installs(cluster);
            if (!expected.test(installs)) {
                wrong.add(cluster + ": " + installs);
            }
        }
        return wrong;
    }

    /** Exactly one control-plane install per cluster (fleet-sim's record), every sidecar at the target and ready. */
    private static void assertEveryClusterMovedOnce(SystemStack stack, RestClient orchestrator, ScaleSize size)
            throws ApiException {
        assertThat(installsNot(stack, size, installs -> installs == 1))
                .as("clusters that did not receive exactly one install").isEmpty();
        List<String> notMoved = new ArrayList<>();
        for (JsonNode cluster : orchestrator.get("/api/v1/clusters?label=env=" + ScaleFleet.LABEL)) {
            int proxies = 0;
            int atTarget = 0;
            var versions = cluster.path("proxyVersions").fields();
            while (versions.hasNext()) {
                var entry = versions.next();
                proxies += entry.getValue().asInt();
                if (entry.getKey().startsWith(TARGET)) {
                    atTarget += entry.getValue().asInt();
                }
            }
            if (!TARGET.equals(cluster.path("meshVersion").asText()) || proxies < ScaleFleet.PODS_PER_CLUSTER
                    || atTarget != proxies
                    || cluster.path("workloadReadyPods").asInt() != cluster.path("workloadPods").asInt()) {
                notMoved.add(cluster.path("clusterId").asText() + " " + cluster.path("meshVersion").asText() + " "
                        + atTarget + "/" + proxies);
            }
        }
        assertThat(notMoved).as("clusters not at %s with every sidecar converged", TARGET).isEmpty();
    }

    private static Map<String, Long> auditByType(RestClient orchestrator, String planId) throws ApiException {
        Map<String, Long> byType = new TreeMap<>();
        String cursor = null;
        do {
            JsonNode page = orchestrator.get("/api/v1/audit?plan=" + planId + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode entry : page.path("entries")) {
                byType.merge(entry.path("type").asText(), 1L, Long::sum);
            }
            JsonNode next = page.path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        return byType;
    }

    private static String failures(JsonNode plan) {
        List<String> failed = new ArrayList<>();
        for (JsonNode cluster : plan.path("clusters")) {
            if (!"SUCCEEDED".equals(cluster.path("step").asText())) {
                failed.add(cluster.path("clusterId").asText() + " " + cluster.path("step").asText() + " "
                        + cluster.path("failure").asText("") + " " + cluster.path("failureDetail").asText(""));
            }
        }
        return failed.size() > 20 ? failed.subList(0, 20) + " and " + (failed.size() - 20) + " more" : failed.toString();
    }

    private static List<String> processNames(Map<String, List<String>> agents) {
        List<String> names = new ArrayList<>(List.of("artifact-service", "orchestrator", "sidecar-roller"));
        names.addAll(agents.keySet());
        return names;
    }

    private static Duration inventoryLimit(ScaleSize size) {
        return Duration.ofSeconds(60 + size.clusters() / 5);
    }

    /**
     * The outer bound on a plan; a plan that stops moving fails sooner ({@link #STALL_LIMIT}). Generous because CI runs
     * this beside other stacks on two cores, where a plan that takes 90 s alone can take several times that.
     */
    private static Duration planLimit(ScaleSize size) {
        return Duration.ofSeconds(600 + size.clusters() * 3L);
    }

    /** How many of the plan's clusters are at each step. */
    private static Map<String, Integer> steps(JsonNode plan) {
        Map<String, Integer> steps = new TreeMap<>();
        for (JsonNode cluster : plan.path("clusters")) {
            steps.merge(cluster.path("step").asText(), 1, Integer::sum);
        }
        return steps;
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
