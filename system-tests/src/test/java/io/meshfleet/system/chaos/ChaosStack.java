package io.meshfleet.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.fleetctl.api.ApiException;
import io.meshfleet.fleetctl.api.RestClient;
import io.meshfleet.fleetctl.demo.DemoEnvironment;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The stack every chaos test shares (a JUnit extension that hands it to a {@code @BeforeAll} method): Kafka,
 * PostgreSQL, fleet-sim and all four services as separate JVMs, the target release mirrored and verified, and every
 * cluster reported by the agent. The fleet has one group of clusters per scenario, told apart by the label
 * {@code chaos}, so each scenario's plan selects only its own ({@code selector: {matchLabels: {chaos: <group>}}}).
 * Each cluster runs 1.6.14-asm.1 with one injected namespace of three pods, time scale 60 (a 2-minute control-plane
 * install takes 2 s). One cluster of the {@code api} group, {@link #API_OUTAGE_CLUSTER}, is reached through fleet-sim's
 * API fault proxy, so that its API can be switched off and on while the agent serves it.
 */
public final class ChaosStack implements ParameterResolver {

    /** The version the plans move to. */
    public static final String TARGET = DemoEnvironment.TARGET_VERSION;
    /** The version every cluster starts at. */
    public static final String FROM = "1.6.14-asm.1";
    /** The orchestrator's service name. */
    public static final String ORCHESTRATOR = "orchestrator";
    /** The group whose plan survives orchestrator crashes: 20 clusters (CI) or 100 (full size). */
    public static final String CRASH = "crash";
    /** The group whose plan survives a Kafka bounce and a PostgreSQL restart. */
    public static final String BOUNCE = "bounce";
    /** The group in which one cluster's API stops answering. */
    public static final String API = "api";
    /**
     * The cluster of the {@link #API} group whose API can be made to stop answering: fleet-sim puts it behind its fault
     * proxy ({@code apiSwitchable}), answering normally until a test switches it ({@code FleetSim.apiHealth}).
     */
    public static final String API_OUTAGE_CLUSTER = "api-002";

    static final double TIME_SCALE = 60;

    private static final String SCENARIO = """
            name: chaos-system
            timeScale: 60
            delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 2m}
            clusters:
            %s
            faults:
              - {type: apiSwitchable, clusters: [%s]}
            """;
    private static final String GROUP = """
              - namePattern: %s-%%03d
                count: %d
                labels: {chaos: %s}
                mesh: {version: %s, profile: asm-multicloud}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: frontend, replicas: 2}
                      - {kind: Deployment, name: cart, replicas: 1}
            """;

    /** Clusters per group at this run's size. */
    public static int size(String group) {
        boolean full = SystemStack.fullSize();
        return switch (group) {
            case CRASH -> full ? 100 : 20;
            case BOUNCE -> full ? 40 : 8;
            case API -> 3;
            default -> throw new IllegalArgumentException("no chaos group " + group);
        };
    }

    /** A group's cluster names, e.g. {@code crash-001}. */
    public static List<String> clusters(String group) {
        return IntStream.rangeClosed(1, size(group)).mapToObj(i -> "%s-%03d".formatted(group, i)).toList();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == SystemStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return SystemStack.shared(extension, "chaos", ChaosStack::start);
    }

    private static SystemStack start() {
        StringBuilder groups = new StringBuilder();
        for (String group : List.of(CRASH, BOUNCE, API)) {
            groups.append(GROUP.formatted(group, size(group), group, FROM));
        }
        Scenario scenario = ScenarioReader.read(SCENARIO.formatted(groups, API_OUTAGE_CLUSTER), "chaos-system");
        DemoEnvironment.Options options = DemoEnvironment.Options.DEFAULTS
                .withFleet(FleetSim.Options.DEFAULTS.withTimeScale(TIME_SCALE))
                // deadlines and soaks are checked every second rather than every 5 s
                .withEnv(ORCHESTRATOR, "MESHFLEET_ORCHESTRATOR_TICK", "1s")
                .withEnv("cluster-agent", "MESHFLEET_AGENT_STATE_DEBOUNCE", "PT0.3S")
                .withEnv("cluster-agent", "MESHFLEET_AGENT_STATE_MAX_DELAY", "PT2S")
                .withEnv("cluster-agent", "MESHFLEET_AGENT_STATE_HEARTBEAT", "PT10S");
        // A killed consumer's partitions go to its successor after 6 s rather than after the default 45 s session.
        for (String service : List.of(ORCHESTRATOR, "sidecar-roller", "cluster-agent")) {
            options = options.withJvmOption(service, "-Dkafka.session.timeout.ms=6000")
                    .withJvmOption(service, "-Dkafka.heartbeat.interval.ms=1000");
        }
        SystemStack stack = SystemStack.start("chaos", scenario, options);
        try {
            mirror(stack);
            int expected = scenario.clusters().size();
            Plans plans = new Plans(stack);
            Awaitility.await("the agent's first report from each of " + expected + " clusters")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> plans.clusters().size() >= expected);
            return stack;
        } catch (RuntimeException | AssertionError e) {
            stack.close();
            throw e;
        }
    }

    /** Mirrors and verifies the target release once, as the demo does: every plan's clusters wait for it. */
    private static void mirror(SystemStack stack) {
        DemoEnvironment environment = stack.environment();
        RestClient artifacts = new RestClient("artifact-service", environment.url("artifact-service"), null,
                "the chaos tests");
        try {
            artifacts.post("/api/v1/mirrors", Map.of("version", TARGET, "platforms", List.of("linux"),
                    "source", environment.release().directory().toString()), Map.of("Idempotency-Key", "chaos-mirror"));
        } catch (ApiException e) {
            throw new IllegalStateException("cannot mirror " + TARGET + ": " + e.getMessage(), e);
        }
        Awaitility.await("the mirror of " + TARGET).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (JsonNode row : artifacts.get("/api/v1/mirrors")) {
                        if ("chaos-mirror".equals(row.path("requestId").asText())) {
                            String status = row.path("status").asText();
                            if ("FAILED".equals(status)) {
                                throw new IllegalStateException("the release was rejected: " + row.path("detail"));
                            }
                            return "DONE".equals(status);
                        }
                    }
                    return false;
                });
    }
}
