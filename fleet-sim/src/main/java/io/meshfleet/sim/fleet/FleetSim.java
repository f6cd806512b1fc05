package io.meshfleet.sim.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshfleet.sim.api.Kubeconfig;
import io.meshfleet.sim.api.SimApiServer;
import io.meshfleet.sim.api.SimCluster;
import io.meshfleet.sim.controllers.ActivityTracker;
import io.meshfleet.sim.controllers.ClusterControllers;
import io.meshfleet.sim.controllers.TimeScaledScheduler;
import io.meshfleet.sim.scenario.ClusterSpec;
import io.meshfleet.sim.scenario.Fault;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.sim.store.Json;
import io.meshfleet.sim.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running simulated fleet: one API server for every cluster of a scenario, each seeded (nodes, control plane,
 * namespaces, workloads) and driven by its controllers on one shared, time-scaled scheduler; kubeconfigs for kubectl,
 * fabric8 and agents in a work directory; and a {@link FleetRecorder} of every pod restart and install since start.
 */
public final class FleetSim implements AutoCloseable {

    /**
     * How a fleet runs.
     *
     * @param clock        the API server's and the controllers' clock
     * @param timeScale    simulated seconds per real second; null for the scenario's own
     * @param threads      controller threads for the whole fleet
     * @param historyLimit watch history per cluster (changes a watch may resume from)
     * @param bootTimeout  how long seeding may take before start fails
     * @param host         the interface the API server binds
     * @param port         its port, 0 for any free one
     */
    public record Options(Clock clock, Double timeScale, int threads, int historyLimit, Duration bootTimeout,
                          String host, int port) {

        /** The system clock, the scenario's time scale, two threads or one per core, 256 changes of history. */
        public static final Options DEFAULTS = new Options(Clock.systemUTC(), null,
                Math.max(2, Runtime.getRuntime().availableProcessors()), StoreOptions.DEFAULTS.historyLimit(),
                Duration.ofMinutes(10), "127.0.0.1", 0);

        /** These options with another time scale (overriding the scenario's). */
        public Options withTimeScale(double value) {
            return new Options(clock, value, threads, historyLimit, bootTimeout, host, port);
        }

        /** These options with another number of controller threads. */
        public Options withThreads(int value) {
            return new Options(clock, timeScale, value, historyLimit, bootTimeout, host, port);
        }

        /** These options with another watch history per cluster. */
        public Options withHistoryLimit(int value) {
            return new Options(clock, timeScale, threads, value, bootTimeout, host, port);
        }

        /** These options with another API server port. */
        public Options withPort(int value) {
            return new Options(clock, timeScale, threads, historyLimit, bootTimeout, host, value);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Scenario scenario;
    private final Path workDir;
    private final double timeScale;
    private final TimeScaledScheduler scheduler;
    private final ActivityTracker activity = new ActivityTracker();
    private final FleetRecorder recorder;
    private final SimApiServer server;
    private final Map<String, ClusterControllers> controllers = new LinkedHashMap<>();
    private ApiFaultProxy proxy;

    private FleetSim(Scenario scenario, Path workDir, Options options) {
        this.scenario = scenario;
        this.workDir = workDir;
        this.timeScale = options.timeScale() != null ? options.timeScale() : scenario.timeScale();
        this.scheduler = new TimeScaledScheduler(options.clock(), timeScale, options.threads());
        this.recorder = new FleetRecorder(options.clock());
        this.server = new SimApiServer(new SimApiServer.Settings(options.host(), options.port(), options.clock(),
                SimApiServer.Settings.DEFAULTS.kubernetesVersion(),
                StoreOptions.DEFAULTS.withHistoryLimit(options.historyLimit()), 2));
    }

    /** Starts the scenario's fleet with default options; kubeconfigs go to {@code workDir}. */
    public static FleetSim start(Scenario scenario, Path workDir) {
        return start(scenario, workDir, Options.DEFAULTS);
    }

    /** Starts the scenario's fleet; returns once every cluster is seeded and converged. */
    public static FleetSim start(Scenario scenario, Path workDir, Options options) {
        FleetSim fleet = new FleetSim(scenario, workDir, options);
        try {
            fleet.boot(options);
            return fleet;
        } catch (RuntimeException | Error e) {
            fleet.close();
            throw e;
        }
    }

    private void boot(Options options) {
        server.start();
        for (ClusterSpec spec : scenario.clusters()) {
            SimCluster cluster = server.addCluster(spec.name());
            ClusterControllers running = new ClusterControllers(cluster.store(), scenario.delays(),
                    spec.faults(), scheduler, activity, recorder).start();
            running.booting(true);
            controllers.put(spec.name(), running);
            ClusterSeed.seed(cluster.store(), spec);
        }
        try {
            if (!activity.awaitIdle(options.bootTimeout())) {
                throw new IllegalStateException("the fleet's controllers did not converge within "
                        + options.bootTimeout() + " (" + activity.pending() + " reconciles pending)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the fleet", e);
        }
        for (Map.Entry<String, ClusterControllers> entry : controllers.entrySet()) {
            entry.getValue().booting(false);
            recorder.attach(entry.getValue().store());
        }
        startFaultProxy(options);
        writeKubeconfigs();
    }

    private void startFaultProxy(Options options) {
        Map<String, ApiHealth> faulty = new LinkedHashMap<>();
        for (ClusterSpec spec : scenario.clusters()) {
            for (Fault fault : spec.faults()) {
                if (fault.type() == Fault.Type.API_UNAVAILABLE) {
                    faulty.put(spec.name(), ApiHealth.UNAVAILABLE);
                } else if (fault.type() == Fault.Type.API_SLOW) {
                    faulty.putIfAbsent(spec.name(), ApiHealth.SLOW);
                } else if (fault.type() == Fault.Type.API_SWITCHABLE) {
                    faulty.putIfAbsent(spec.name(), ApiHealth.AVAILABLE);
                }
            }
        }
        if (faulty.isEmpty()) {
            return;
        }
        Duration latency = scenario.delays().apiLatency().isZero() ? Duration.ofSeconds(5)
                : scenario.delays().apiLatency();
        proxy = new ApiFaultProxy(options.host(), server.port(), scheduler.toReal(latency)).start();
        faulty.forEach(proxy::health);
    }

    private void writeKubeconfigs() {
        List<SimCluster> clusters = new ArrayList<>();
        for (String name : controllers.keySet()) {
            clusters.add(server.cluster(name));
        }
        writeKubeconfig(kubeconfig(), clusters);
        for (SimCluster cluster : clusters) {
            writeKubeconfig(kubeconfig(cluster.name()), List.of(cluster));
        }
    }

    /** {@link Kubeconfig}'s file, with the clusters behind the fault proxy pointing there. */
    private void writeKubeconfig(Path file, List<SimCluster> clusters) {
        try {
            ObjectNode config = (ObjectNode) YAML.readTree(Kubeconfig.render(clusters));
            for (JsonNode entry : config.path("clusters")) {
                String name = entry.path("name").asText();
                ((ObjectNode) entry.path("cluster")).put("server", url(name));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.yaml(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    /** The scenario the fleet runs. */
    public Scenario scenario() {
        return scenario;
    }

    /** Simulated seconds per real second. */
    public double timeScale() {
        return timeScale;
    }

    /** The API server of every cluster. */
    public SimApiServer server() {
        return server;
    }

    /** The clusters' names, in scenario order. */
    public List<String> clusterNames() {
        return List.copyOf(controllers.keySet());
    }

    /** A cluster (its store, URL and access policy). */
    public SimCluster cluster(String name) {
        return server.cluster(name);
    }

    /** A cluster's controllers (and through them its faults). */
    public ClusterControllers controllers(String name) {
        ClusterControllers found = controllers.get(name);
        if (found == null) {
            throw new IllegalArgumentException("no simulated cluster " + name);
        }
        return found;
    }

    /** The URL clients use for a cluster: the API server's, or the fault proxy's for clusters with API faults. */
    public String url(String cluster) {
        if (proxy != null && scenarioHasApiFault(cluster)) {
            return proxy.url(cluster);
        }
        return server.cluster(cluster).url();
    }

    private boolean scenarioHasApiFault(String cluster) {
        for (ClusterSpec spec : scenario.clusters()) {
            if (spec.name().equals(cluster)) {
                return spec.faults().stream().anyMatch(f -> f.type() == Fault.Type.API_SLOW
                        || f.type() == Fault.Type.API_UNAVAILABLE || f.type() == Fault.Type.API_SWITCHABLE);
            }
        }
        return false;
    }

    /**
     * Changes how a cluster with an API fault in the scenario ({@code API_UNAVAILABLE}, {@code API_SLOW} or
     * {@code API_SWITCHABLE}) answers, at once: to UNAVAILABLE, requests already in flight (watches included) stop
     * receiving anything, as from an API server that hangs, and new ones are never answered; back to AVAILABLE (or
     * SLOW), the connections left hanging are closed, as a recovered API server's old connections would be, so that
     * clients reconnect. Other clusters are not behind the fault proxy and always answer.
     */
    public void apiHealth(String cluster, ApiHealth health) {
        if (proxy == null || !scenarioHasApiFault(cluster)) {
            throw new IllegalArgumentException("cluster " + cluster + " has no API fault in the scenario, so its "
                    + "kubeconfig does not go through the fault proxy");
        }
        proxy.health(cluster, health);
    }

    /** {@code workDir/kubeconfig}: every cluster, one context each (named like the cluster). */
    public Path kubeconfig() {
        return workDir.resolve("kubeconfig");
    }

    /** {@code workDir/kubeconfigs/<cluster>.yaml}: that cluster alone. */
    public Path kubeconfig(String cluster) {
        return workDir.resolve("kubeconfigs").resolve(cluster + ".yaml");
    }

    /** Every pod restart and install since the fleet came up. */
    public FleetRecorder recorder() {
        return recorder;
    }

    /** The fleet's scheduler. */
    public TimeScaledScheduler scheduler() {
        return scheduler;
    }

    /** Waits until the controllers have caught up with every change so far (timers still pending do not count). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return activity.awaitIdle(timeout);
    }

    /** Stops the controllers, the proxy, the API server and the threads. */
    @Override
    public void close() {
        recorder.close();
        controllers.values().forEach(ClusterControllers::close);
        scheduler.close();
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }
}
