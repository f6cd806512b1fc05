package io.meshfleet.fleetctl.demo;

import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetctl demo}: the whole mission on this machine, end to end. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        versionProvider = io.meshfleet.fleetctl.VersionProvider.class,
        description = {
            "Run the whole mission locally, with nothing installed but a JDK: a real Kafka broker and PostgreSQL, a",
            "simulated fleet (12 user clusters and an admin cluster on ASM 1.6.14 with optional features), the four",
            "services as separate processes; then mirror and verify a signed 1.5.10-asm.2 release, preview and run a",
            "canary-first plan in waves with live progress, and show the result per cluster and the audit trail.",
            "",
            "Exits 0 only if every targeted cluster ended at the target version with every sidecar converged.",
            "Ctrl-C (or the end) stops every process the demo started."
        },
        footer = {
            "",
            "Exit codes: 0 the fleet was moved, 1 the plan did not succeed (e.g. halted after a failing canary),",
            "            2 the demo could not start (see the message and the logs it names).",
            "",
            "Examples:",
            "  ./fleetctl demo",
            "  ./fleetctl demo --scenario crashloop-canary   # the canary crash-loops: the plan halts, exit 1",
            "  ./fleetctl demo --scenario my-fleet.yaml      # your own fleet-sim scenario file",
            "  ./fleetctl demo --keep-running      # then: ./fleetctl release list, clusters list, audit ..."
        })
public final class DemoCommand implements Callable<Integer> {

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger STACK_LOGGER = java.util.logging.Logger.getLogger("io.meshfleet.stack");

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
            description = "A built-in fleet-sim scenario (default, crashloop-canary) or a scenario file (YAML)"
                    + " instead of the default fleet.")
    private String scenarioOption;

    @Option(names = "--keep-running",
            description = "Leave everything up after the plan, print the URLs and a token, and wait for Ctrl-C.")
    private boolean keepRunning;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where logs, keys and data go (emptied first). Default: .meshfleet/demo under the repository.")
    private Path workDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT15M",
            description = "How long the plan may run. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    /** A built-in scenario by name, else a file; a name that is neither says which built-in ones there are. */
    private Scenario scenario() throws IOException {
        if (scenarioOption == null) {
            return ScenarioReader.defaultScenario();
        }
        if (ScenarioReader.BUILT_IN.contains(scenarioOption)) {
            return ScenarioReader.builtIn(scenarioOption);
        }
        Path file = Path.of(scenarioOption);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file, and not a built-in scenario (" + String.join(", ", ScenarioReader.BUILT_IN)
                    + ")");
        }
        return ScenarioReader.read(file);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Fleetctl root = (Fleetctl) spec.root().userObject();
        Path home = Path.of(root.environment().getOrDefault("MESHFLEET_HOME", ".")).toAbsolutePath().normalize();
        Path work = workDir != null ? workDir : home.resolve(".meshfleet/demo");
        Scenario scenario;
        try {
            scenario = scenario();
        } catch (IOException | RuntimeException e) {
            err.println("cannot read the scenario " + scenarioOption + ": " + e.getMessage());
            return 2;
        }
        // The demo narrates each step itself; the stack's own start/stop lines would only repeat it.
        STACK_LOGGER.setLevel(java.util.logging.Level.WARNING);
        DemoProgress progress = new DemoProgress(out);
        DemoEnvironment environment = new DemoEnvironment(home, work, progress::step);
        Thread cleanup = new Thread(environment::close, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            progress.section("Starting the stack (scenario " + scenario.name() + ")");
            try {
                environment.start(scenario);
            } catch (RuntimeException e) {
                err.println("the demo could not start: " + e.getMessage());
                err.println("logs: " + work.resolve("logs"));
                return 2;
            }
            int exit = new DemoScript(environment, progress, timeout).run();
            if (keepRunning) {
                progress.section("Still running (Ctrl-C stops everything)");
                environment.services().forEach(s -> out.println("  " + s.name() + ": " + s.url()));
                out.println("  KAFKA_BOOTSTRAP_SERVERS=" + environment.bootstrapServers());
                out.println("  MESHFLEET_ARTIFACT_URL=" + environment.url("artifact-service"));
                out.println("  MESHFLEET_ORCHESTRATOR_URL=" + environment.url("orchestrator"));
                out.println("  MESHFLEET_TOKEN=" + environment.token());
                out.println("  KUBECONFIG=" + environment.fleet().kubeconfig());
                out.flush();
                new CountDownLatch(1).await();
            }
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            progress.section("Stopping every process the demo started");
            environment.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }
}
