package io.meshfleet.system.stack;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.Topics;
import io.meshfleet.fleetctl.demo.DemoEnvironment;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.stack.probe.KafkaProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real stack for system tests: {@link DemoEnvironment} (Kafka, PostgreSQL, fleet-sim, the services as separate
 * JVMs from their packaged {@code target/quarkus-app}) plus the test's own Kafka clients: a producer that publishes
 * envelopes as the orchestrator would, and an {@link EnvelopeLog} of everything the services publish. Starting one
 * costs tens of seconds, so test classes share one per definition ({@link #shared}); it is stopped when the test run
 * ends.
 */
public final class SystemStack implements AutoCloseable {

    private static final Map<String, SystemStack> SHARED = new HashMap<>();
    private static final Map<String, RuntimeException> FAILED = new HashMap<>();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private final DemoEnvironment environment;
    private final KafkaProbe producer;
    private final EnvelopeLog events;

    private SystemStack(DemoEnvironment environment) {
        this.environment = environment;
        this.producer = new KafkaProbe(environment.bootstrapServers());
        this.events = new EnvelopeLog(environment.bootstrapServers(), List.of(Topics.ROLLER_EVENTS, Topics.AGENT_EVENTS));
    }

    /** The repository root (system property {@code meshfleet.home}, set by the module's pom). */
    public static Path home() {
        String home = System.getProperty("meshfleet.home");
        if (home == null) {
            throw new IllegalStateException("system property meshfleet.home is not set: run the system tests through"
                    + " Maven (./mvnw -pl system-tests -am verify), or pass -Dmeshfleet.home=<repository root>");
        }
        return Path.of(home);
    }

    /** {@code ci} (the default: small fleets, what CI runs) or {@code full} (system property {@code system.size}). */
    public static boolean fullSize() {
        return "full".equals(System.getProperty("system.size", "ci"));
    }

    /** Starts a stack in {@code target/system/<name>} (emptied first); on failure nothing is left running. */
    public static SystemStack start(String name, Scenario scenario, DemoEnvironment.Options options) {
        Instant started = Instant.now();
        DemoEnvironment environment = new DemoEnvironment(home(), Path.of("target", "system", name),
                step -> System.out.println("[system " + name + "] " + step), options).start(scenario);
        System.out.println("[system " + name + "] stack up in " + Duration.between(started, Instant.now()).toMillis()
                + " ms");
        return new SystemStack(environment);
    }

    /**
     * The stack named {@code name}, started by {@code starter} on first use and shared by every test class of this
     * run that asks for it; stopped when the run ends. A stack that failed to start fails every later request at once.
     */
    public static SystemStack shared(ExtensionContext context, String name, Supplier<SystemStack> starter) {
        synchronized (SHARED) {
            SystemStack stack = SHARED.get(name);
            if (stack != null) {
                return stack;
            }
            RuntimeException failed = FAILED.get(name);
            if (failed != null) {
                throw new IllegalStateException("the shared stack " + name + " failed to start: " + failed.getMessage(),
                        failed);
            }
            try {
                stack = starter.get();
            } catch (RuntimeException e) {
                FAILED.put(name, e);
                throw e;
            }
            SHARED.put(name, stack);
            SystemStack started = stack;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(SystemStack.class.getName() + "/" + name, (ExtensionContext.Store.CloseableResource) () -> {
                        synchronized (SHARED) {
                            SHARED.remove(name);
                        }
                        started.close();
                    });
            return stack;
        }
    }

    /** The stack itself: services, fleet, work directory. */
    public DemoEnvironment environment() {
        return environment;
    }

    /** The simulated fleet and its records. */
    public FleetSim fleet() {
        return environment.fleet();
    }

    /** What the services published on fleet.roller.events and fleet.agent.events, from the start. */
    public EnvelopeLog events() {
        return events;
    }

    /** Publishes {@code envelope} on its topic with its key and waits for the broker's acknowledgement. */
    public void publish(Envelope envelope) {
        producer.send(envelope.topic(), envelope.key(), CODEC.encode(envelope));
    }

    /** {@code kill -9} of a service; it stays down until {@link #restart}. */
    public void kill(String service) {
        environment.kill(service);
    }

    /** Starts a service again with the same environment and data (killing it first if it runs), waits until ready. */
    public void restart(String service) {
        environment.restart(service);
    }

    @Override
    public void close() {
        events.close();
        producer.close();
        environment.close();
    }
}
