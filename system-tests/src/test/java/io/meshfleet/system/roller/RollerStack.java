package io.meshfleet.system.roller;

import io.meshfleet.fleetctl.demo.DemoEnvironment;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.system.stack.ControlPlanes;
import io.meshfleet.system.stack.SystemStack;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The stack every roller system test shares (a JUnit extension that hands it to a {@code @BeforeAll} method): Kafka,
 * PostgreSQL, the real sidecar-roller and the real cluster-agent as separate JVMs, and a fleet-sim fleet with one
 * cluster per test, each already running the new control plane ({@link #TARGET}) while every pod still has the old
 * proxy ({@link #OLD}), as after the seed procedure's install step. The agent-crash test's cluster has an agent of its
 * own ({@link #CHAOS_AGENT}), so killing it touches no other test; the roller is one process for all, so the test
 * that kills it holds {@link #ROLLER_PROCESS} exclusively.
 */
public final class RollerStack implements ParameterResolver {

    /** The proxy version the rolls go to (the new control plane's). */
    public static final String TARGET = DemoEnvironment.TARGET_VERSION;
    /** The proxy every pod starts with. */
    public static final String OLD = "1.6.14-asm.1";
    /** A roll with nothing in its way. */
    public static final String STEADY = "roll-steady";
    /** Pods of shop/cart crash-loop on the target proxy. */
    public static final String CRASHLOOP = "roll-crashloop";
    /** The roller is killed mid-roll. */
    public static final String ROLLER_KILL = "roll-roller-kill";
    /** The agent is killed mid-roll. */
    public static final String AGENT_KILL = "roll-agent-kill";
    /** The agent that serves only {@link #AGENT_KILL}. */
    public static final String CHAOS_AGENT = "cluster-agent-chaos";
    /** The roller's service name. */
    public static final String ROLLER = "sidecar-roller";
    /** The resource lock of the one roller process: read by tests that roll, written by the test that kills it. */
    public static final String ROLLER_PROCESS = "sidecar-roller process";
    /** The clusters, one per test. */
    public static final List<String> CLUSTERS = List.of(STEADY, CRASHLOOP, ROLLER_KILL, AGENT_KILL);
    /** The injected namespaces of each cluster and their pods: shop 7 (3 + 2 + 2), payments 6 (3 + 2 + 1). */
    public static final List<String> NAMESPACES = List.of("shop", "payments");

    /** Every simulated second runs in 1/60 of a real second; the roller's limits are in real time. */
    static final double TIME_SCALE = 60;

    private static final String SCENARIO = """
            name: roller-system
            timeScale: 60
            delays: {podScheduling: 2s, containerStart: 5s, podTermination: 10s, controlPlaneInstall: 2m}
            clusters:
            %s
            faults:
              - {type: crashLoopOnProxyVersion, clusters: [roll-crashloop], namespace: shop, workload: cart, proxyVersion: %s}
            """;
    private static final String CLUSTER = """
              - name: %s
                labels: {env: test}
                mesh: {version: %s, profile: asm-multicloud}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: frontend, replicas: 3}
                      - {kind: Deployment, name: cart, replicas: 2}
                      - {kind: Deployment, name: catalog, replicas: 2}
                  - name: payments
                    injection: true
                    workloads:
                      - {kind: Deployment, name: api, replicas: 3}
                      - {kind: StatefulSet, name: ledger, replicas: 2}
                      - {kind: Deployment, name: worker, replicas: 1}
                  - name: tools
                    injection: false
                    workloads:
                      - {kind: Deployment, name: toolbox, replicas: 1}
            """;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == SystemStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return SystemStack.shared(extension, "roller", RollerStack::start);
    }

    /**
     * The services tuned for a test's pace, not a real fleet's: agents report changes after 0.3 s of quiet (default
     * 2 s) and at least every 10 s, and every Kafka consumer's session lasts 6 s (default 45 s), so a service killed
     * with {@code kill -9} and started again gets its partitions back within seconds rather than after the dead
     * member's session ran out. Neither changes what is asserted, only how long the tests wait for it.
     */
    static DemoEnvironment.Options quickServices(DemoEnvironment.Options options, List<String> agents) {
        DemoEnvironment.Options quick = options;
        for (String agent : agents) {
            quick = quick.withEnv(agent, "MESHFLEET_AGENT_STATE_DEBOUNCE", "PT0.3S")
                    .withEnv(agent, "MESHFLEET_AGENT_STATE_MAX_DELAY", "PT2S")
                    .withEnv(agent, "MESHFLEET_AGENT_STATE_HEARTBEAT", "PT10S");
        }
        List<String> services = new java.util.ArrayList<>(agents);
        services.add(ROLLER);
        for (String service : services) {
            quick = quick.withJvmOption(service, "-Dkafka.session.timeout.ms=6000")
                    .withJvmOption(service, "-Dkafka.heartbeat.interval.ms=1000");
        }
        return quick;
    }

    private static SystemStack start() {
        StringBuilder clusters = new StringBuilder();
        for (String cluster : CLUSTERS) {
            clusters.append(CLUSTER.formatted(cluster, OLD));
        }
        Scenario scenario = ScenarioReader.read(SCENARIO.formatted(clusters, TARGET), "roller-system");
        DemoEnvironment.Options options = DemoEnvironment.Options.DEFAULTS
                .withServices("sidecar-roller", "cluster-agent")
                .withAgent(CHAOS_AGENT, List.of(AGENT_KILL))
                .withFleet(FleetSim.Options.DEFAULTS.withTimeScale(TIME_SCALE));
        SystemStack stack = SystemStack.start("roller", scenario, quickServices(options, List.of("cluster-agent", CHAOS_AGENT)));
        try {
            ControlPlanes.install(stack.fleet(), CLUSTERS, TARGET);
            ControlPlanes.awaitHealthy(stack.fleet(), CLUSTERS, Duration.ofMinutes(1));
            return stack;
        } catch (RuntimeException | AssertionError e) {
            stack.close();
            throw e;
        }
    }
}
