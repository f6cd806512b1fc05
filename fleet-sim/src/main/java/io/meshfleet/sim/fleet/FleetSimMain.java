package io.meshfleet.sim.fleet;

import io.meshfleet.sim.scenario.ClusterSpec;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.scenario.ScenarioException;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The fleet-sim launcher: starts a scenario's fleet, prints its clusters and kubeconfigs, and runs until Ctrl-C.
 * {@code ./mvnw -q -pl fleet-sim compile exec:java -Dexec.args="--time-scale 600"}.
 */
public final class FleetSimMain {

    private static final String USAGE = """
            Usage: fleet-sim [--scenario FILE] [--dir DIR] [--time-scale X] [--port N] [--help]

            Starts a simulated fleet of Kubernetes clusters (one local API server, one kubeconfig context per
            cluster) and runs it until Ctrl-C.

              --scenario FILE   scenario YAML (default: the built-in twelve user clusters and an admin cluster)
              --dir DIR         where kubeconfig and kubeconfigs/<cluster>.yaml are written
                                (default: fleet-sim in the temporary directory)
              --time-scale X    simulated seconds per real second, overriding the scenario's (1 to 100000)
              --port N          API server port (default: any free port)
              --help            this text
            """;

    private FleetSimMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses, starts, prints and blocks until the JVM shuts down; the exit code on a usage error. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Path scenarioFile = null;
        // Not the working directory: exec:java runs from the repository root, which must stay clean.
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "fleet-sim");
        FleetSim.Options options = FleetSim.Options.DEFAULTS;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--scenario" -> scenarioFile = Path.of(value(args, ++i));
                    case "--dir" -> dir = Path.of(value(args, ++i));
                    case "--time-scale" -> {
                        double scale = Double.parseDouble(value(args, ++i));
                        if (!(scale >= 1 && scale <= 100_000)) {
                            throw new IllegalArgumentException("--time-scale must be from 1 to 100000");
                        }
                        options = options.withTimeScale(scale);
                    }
                    case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i)));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("fleet-sim: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Scenario scenario;
        try {
            scenario = scenarioFile == null ? ScenarioReader.defaultScenario() : ScenarioReader.read(scenarioFile);
        } catch (IOException e) {
            err.println("fleet-sim: cannot read " + scenarioFile + ": " + e.getMessage());
            return 1;
        } catch (ScenarioException e) {
            err.println("fleet-sim: " + e.getMessage());
            return 1;
        }
        long started = System.nanoTime();
        FleetSim fleet = FleetSim.start(scenario, dir.toAbsolutePath(), options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "fleet-sim-shutdown"));
        print(fleet, out, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void print(FleetSim fleet, PrintStream out, long millis) {
        Scenario scenario = fleet.scenario();
        out.printf(Locale.ROOT, "fleet-sim: scenario %s, %d clusters, %d workload pods, started in %d ms%n",
                scenario.name(), scenario.clusters().size(), scenario.pods(), millis);
        out.printf(Locale.ROOT, "time scale %s: one real second is %s simulated seconds%n",
                number(fleet.timeScale()), number(fleet.timeScale()));
        out.println("API server: " + fleet.server().baseUrl());
        out.println("kubeconfig (every cluster): " + fleet.kubeconfig());
        out.println();
        out.printf(Locale.ROOT, "%-20s %-6s %-16s %5s  %s%n", "CLUSTER", "KIND", "MESH", "PODS", "KUBECONFIG");
        for (ClusterSpec cluster : scenario.clusters()) {
            String mesh = cluster.mesh() == null || cluster.mesh().version() == null ? "-" : cluster.mesh().version();
            out.printf(Locale.ROOT, "%-20s %-6s %-16s %5d  %s%n", cluster.name(), cluster.admin() ? "admin" : "user",
                    mesh, cluster.pods(), fleet.kubeconfig(cluster.name()));
        }
        String first = scenario.userClusters().isEmpty() ? scenario.clusters().get(0).name()
                : scenario.userClusters().get(0).name();
        out.println();
        out.println("Try: KUBECONFIG=" + fleet.kubeconfig() + " kubectl --context " + first + " get pods -A");
        out.println("Ctrl-C stops the fleet.");
        out.flush();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
