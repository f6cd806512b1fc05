package io.meshfleet.fleetctl.demo;

import io.meshfleet.events.signing.SigningKey;
import io.meshfleet.fleetctl.token.LocalTokens;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.release.ReleaseGenerator;
import io.meshfleet.sim.release.ReleaseSigningKey;
import io.meshfleet.sim.release.SimRelease;
import io.meshfleet.sim.scenario.Scenario;
import io.meshfleet.stack.KafkaBroker;
import io.meshfleet.stack.PostgresServer;
import io.meshfleet.stack.ServiceJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything the demo runs, on this machine and with nothing installed but a JDK: a real Kafka broker and a real
 * PostgreSQL (embedded-stack), the simulated fleet (fleet-sim), a signed simulated release, and the four services as
 * separate JVMs (one cluster-agent serving every simulated cluster). {@link #close()} stops all of it; the services
 * also stop by themselves if this JVM dies.
 *
 * <p>The system tests run the same stack with {@link Options}: only some services, extra environment per service,
 * more agents each serving some clusters; {@link #kill(String)} and {@link #restart(String)} crash a service
 * ({@code kill -9}) and start it again with the same environment and data.
 */
public final class DemoEnvironment implements AutoCloseable {

    /** The release the demo downgrades to, as in the seed procedure. */
    public static final String TARGET_VERSION = "1.5.10-asm.2";

    /** The services, by module name, in the order they are started. */
    public static final List<String> SERVICES = List.of("artifact-service", "orchestrator", "sidecar-roller",
            "cluster-agent");

    /**
     * What to start besides the infrastructure and the fleet.
     *
     * @param services    the services to start, by module name (a subset of {@link #SERVICES})
     * @param environment extra environment variables per service name (a module, or an agent's name), applied after
     *                    the stack's own, so they may override them
     * @param jvmOptions  extra JVM options per service name (after the defaults, so {@code -Xmx} overrides them)
     * @param agents      more cluster-agents, by name, each serving the listed clusters; the {@code cluster-agent}
     *                    serves every cluster none of them serves
     * @param fleet       fleet-sim's options (time scale, threads, ...)
     */
    public record Options(Set<String> services, Map<String, Map<String, String>> environment,
                          Map<String, List<String>> jvmOptions, Map<String, List<String>> agents,
                          FleetSim.Options fleet) {

        /** The demo's: all four services, one agent for every cluster, the scenario's time scale. */
        public static final Options DEFAULTS = new Options(new LinkedHashSet<>(SERVICES), Map.of(), Map.of(), Map.of(),
                FleetSim.Options.DEFAULTS);

        public Options {
            for (String service : services) {
                if (!SERVICES.contains(service)) {
                    throw new IllegalArgumentException("unknown service " + service + ", expected one of " + SERVICES);
                }
            }
            services = Collections.unmodifiableSet(new LinkedHashSet<>(services));
            Map<String, Map<String, String>> env = new LinkedHashMap<>();
            environment.forEach((service, values) -> env.put(service, Map.copyOf(values)));
            environment = Collections.unmodifiableMap(env);
            Map<String, List<String>> jvm = new LinkedHashMap<>();
            jvmOptions.forEach((service, values) -> jvm.put(service, List.copyOf(values)));
            jvmOptions = Collections.unmodifiableMap(jvm);
            agents = Collections.unmodifiableMap(new LinkedHashMap<>(agents));
            for (String agent : agents.keySet()) {
                if (SERVICES.contains(agent)) {
                    throw new IllegalArgumentException("an extra agent needs a name of its own, not " + agent);
                }
            }
        }

        /** Only these services (module names). */
        public Options withServices(String... modules) {
            return new Options(new LinkedHashSet<>(List.of(modules)), environment, jvmOptions, agents, fleet);
        }

        /** One more environment variable for one service (a module name, or an extra agent's name). */
        public Options withEnv(String service, String key, String value) {
            Map<String, Map<String, String>> env = new LinkedHashMap<>(environment);
            Map<String, String> values = new LinkedHashMap<>(env.getOrDefault(service, Map.of()));
            values.put(key, value);
            env.put(service, values);
            return new Options(services, env, jvmOptions, agents, fleet);
        }

        /** One more JVM option for one service, e.g. {@code -Xmx1g} or {@code -Dkafka.session.timeout.ms=6000}. */
        public Options withJvmOption(String service, String option) {
            Map<String, List<String>> jvm = new LinkedHashMap<>(jvmOptions);
            List<String> values = new ArrayList<>(jvm.getOrDefault(service, List.of()));
            values.add(option);
            jvm.put(service, values);
            return new Options(services, environment, jvm, agents, fleet);
        }

        /** Another cluster-agent process, named {@code name}, serving only {@code clusters}. */
        public Options withAgent(String name, List<String> clusters) {
            Map<String, List<String>> more = new LinkedHashMap<>(agents);
            more.put(name, List.copyOf(clusters));
            return new Options(services, environment, jvmOptions, more, fleet);
        }

        /** fleet-sim's options. */
        public Options withFleet(FleetSim.Options value) {
            return new Options(services, environment, jvmOptions, agents, value);
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final Path work;
    private final Consumer<String> progress;
    private final Options options;
    private final List<ServiceJvm> services = new ArrayList<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private FleetSim fleet;
    private SimRelease release;
    private final Map<String, String> urls = new LinkedHashMap<>();
    private String token;
    private java.nio.channels.FileChannel lockChannel;
    private java.nio.channels.FileLock workLock;

    /**
     * @param home     the repository root (where each service's {@code target/quarkus-app} is)
     * @param work     the demo's working directory, emptied first
     * @param progress told of each step
     */
    public DemoEnvironment(Path home, Path work, Consumer<String> progress) {
        this(home, work, progress, Options.DEFAULTS);
    }

    /**
     * @param home     the repository root (where each service's {@code target/quarkus-app} is)
     * @param work     the working directory, emptied first
     * @param progress told of each step
     * @param options  what to start
     */
    public DemoEnvironment(Path home, Path work, Consumer<String> progress, Options options) {
        this.home = home.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        this.progress = progress;
        this.options = options;
    }

    /** Starts everything for {@code scenario}; on failure, whatever was started is stopped again. */
    public DemoEnvironment start(Scenario scenario) {
        try {
            lock();
            deleteTree(work);
            Files.createDirectories(work);
            startInfrastructure();
            startFleet(scenario);
            Keys keys = writeKeys();
            startServices(keys);
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Only one demo per working directory: a second would delete the first one's data under it. */
    private void lock() throws IOException {
        Files.createDirectories(work.getParent());
        lockChannel = java.nio.channels.FileChannel.open(work.resolveSibling(work.getFileName() + ".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        workLock = lockChannel.tryLock();
        if (workLock == null) {
            lockChannel.close();
            lockChannel = null;
            throw new IllegalStateException("another demo is running in " + work
                    + ": stop it (Ctrl-C in its terminal) or give this one its own --work-dir");
        }
    }

    private void startInfrastructure() {
        kafka = KafkaBroker.builder().dataDirectory(work.resolve("kafka")).partitions(3).build();
        kafka.start();
        progress.accept("Kafka broker (KRaft) at " + kafka.bootstrapServers());
        postgres = new PostgresServer(work.resolve("postgres"));
        postgres.start();
        progress.accept("PostgreSQL at 127.0.0.1:" + postgres.port());
    }

    private void startFleet(Scenario scenario) throws IOException {
        fleet = FleetSim.start(scenario, work.resolve("fleet"), options.fleet());
        List<String> names = List.copyOf(fleet.clusterNames());
        progress.accept("fleet-sim: " + names.size() + " clusters "
                + (names.size() <= 20 ? names.toString() : names.subList(0, 10) + " ... " + names.get(names.size() - 1))
                + ", kubeconfig " + fleet.kubeconfig());
        ReleaseSigningKey releaseKey = ReleaseSigningKey.generate();
        release = new ReleaseGenerator(Clock.systemUTC(), releaseKey).generate(TARGET_VERSION, work.resolve("releases"));
        Files.createDirectories(work.resolve("keys"));
        Files.writeString(work.resolve("keys/release-signing.pub.pem"), release.publicKeyPem());
        progress.accept("signed simulated release " + TARGET_VERSION + " in " + release.directory());
    }

    /** The key files the services need. */
    record Keys(Path orchestratorKey, Path rollerKey, Path agentTrustDir, Path releaseTrust, Path jwtPublicKey) {
    }

    private Keys writeKeys() throws IOException {
        Path dir = Files.createDirectories(work.resolve("keys"));
        SigningKey orchestrator = SigningKey.generate();
        SigningKey roller = SigningKey.generate();
        orchestrator.store(dir.resolve("orchestrator.pem"));
        roller.store(dir.resolve("roller.pem"));
        Path trust = Files.createDirectories(dir.resolve("agent-trusted"));
        Files.writeString(trust.resolve("orchestrator.pub.pem"), orchestrator.publicKeyPem());
        Files.writeString(trust.resolve("roller.pub.pem"), roller.publicKeyPem());
        LocalTokens tokens = new LocalTokens(LocalTokens.generateKeys(dir).getPrivate(), LocalTokens.DEFAULT_ISSUER,
                Clock.systemUTC());
        token = tokens.mint("demo-operator", List.of("viewer", "operator", "approver"), Duration.ofHours(12));
        return new Keys(dir.resolve("orchestrator.pem"), dir.resolve("roller.pem"), trust,
                dir.resolve("release-signing.pub.pem"), dir.resolve("jwt-public.pem"));
    }

    private void startServices(Keys keys) {
        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        List<ServiceJvm> wanted = new ArrayList<>();
        ServiceJvm artifacts = null;
        if (options.services().contains("artifact-service")) {
            artifacts = module("artifact-service")
                    .env(common)
                    .env(database("meshfleet_artifacts"))
                    .env("MESHFLEET_ARTIFACTS_STORE_DIR", work.resolve("artifacts").toString())
                    .env("MESHFLEET_ARTIFACTS_TRUSTED_KEYS", keys.releaseTrust().toString())
                    .env(options.environment().getOrDefault("artifact-service", Map.of()))
                    .build();
            wanted.add(artifacts);
        }
        if (options.services().contains("orchestrator")) {
            wanted.add(module("orchestrator")
                    .env(common)
                    .env(orchestratorDatabase())
                    .env("MESHFLEET_SIGNING_KEY", keys.orchestratorKey().toString())
                    .env("MESHFLEET_JWT_PUBLIC_KEY", keys.jwtPublicKey().toString())
                    .env(options.environment().getOrDefault("orchestrator", Map.of()))
                    .build());
        }
        if (options.services().contains("sidecar-roller")) {
            wanted.add(module("sidecar-roller")
                    .env(common)
                    .env(database("meshfleet_roller"))
                    .env("ROLLER_SIGNING_KEY", keys.rollerKey().toString())
                    // The demo fleet has a bare debug pod in an injected namespace: by default the roller reports such
                    // pods for manual action and the namespace cannot converge; the demo lets it delete them, as a
                    // person would.
                    .env("MESHFLEET_ROLLER_ALLOW_BARE_POD_DELETION", "true")
                    .env(options.environment().getOrDefault("sidecar-roller", Map.of()))
                    .build());
        }
        if (options.services().contains("cluster-agent")) {
            List<String> rest = new ArrayList<>(fleet.clusterNames());
            options.agents().values().forEach(rest::removeAll);
            Map<String, List<String>> agents = new LinkedHashMap<>();
            if (!rest.isEmpty()) {
                agents.put("cluster-agent", rest);
            }
            agents.putAll(options.agents());
            for (Map.Entry<String, List<String>> agent : agents.entrySet()) {
                ServiceJvm.Builder builder = ServiceJvm.builder(agent.getKey(),
                                home.resolve("cluster-agent/target/quarkus-app/quarkus-run.jar"))
                        .logFile(work.resolve("logs").resolve(agent.getKey() + ".log"))
                        .jvmOption(stackMarker())
                        .env(common)
                        .env("MESHFLEET_AGENT_CLUSTERS", String.join(",", agent.getValue()))
                        .env("MESHFLEET_AGENT_KUBECONFIG", fleet.kubeconfig().toString())
                        .env("MESHFLEET_AGENT_TRUSTED_KEYS_DIR", keys.agentTrustDir().toString())
                        .env("MESHFLEET_AGENT_WORK_DIR", work.resolve(agent.getKey()).toString());
                if (artifacts != null) {
                    builder.env("MESHFLEET_AGENT_ARTIFACT_URL", artifacts.url());
                }
                options.jvmOptions().getOrDefault(agent.getKey(), List.of()).forEach(builder::jvmOption);
                wanted.add(builder.env(options.environment().getOrDefault(agent.getKey(), Map.of())).build());
            }
        }
        for (ServiceJvm service : wanted) {
            services.add(service.start());
        }
        for (ServiceJvm service : services) {
            service.awaitReady(READY_TIMEOUT);
            urls.put(service.name(), service.url());
            progress.accept(service.name() + " ready at " + service.url() + " (log " + service.logFile() + ")");
        }
    }

    /**
     * Names this stack's working directory on each service's command line (as the broker's and PostgreSQL's already
     * do), so that whoever runs several stacks can tell which processes belong to which.
     */
    private String stackMarker() {
        return "-Dmeshfleet.stack=" + work;
    }

    private ServiceJvm.Builder module(String module) {
        ServiceJvm.Builder builder = ServiceJvm.builder(module,
                        home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"))
                .logFile(work.resolve("logs").resolve(module + ".log"))
                .jvmOption(stackMarker());
        options.jvmOptions().getOrDefault(module, List.of()).forEach(builder::jvmOption);
        return builder;
    }

    private Map<String, String> database(String name) {
        return Map.of("POSTGRES_JDBC_URL", postgres.createDatabase(name),
                "POSTGRES_USER", postgres.username(),
                "POSTGRES_PASSWORD", postgres.password());
    }

    /**
     * The orchestrator's database: migrations run as the owner, the service as its own role that cannot change
     * the audit trail (as deploy/ sets it up).
     */
    private Map<String, String> orchestratorDatabase() {
        String url = postgres.createDatabase("meshfleet_orchestrator");
        String password = java.util.UUID.randomUUID().toString();
        try (java.sql.Connection connection = postgres.connect("meshfleet_orchestrator");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE meshfleet_app LOGIN PASSWORD '" + password + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the orchestrator's database role: " + e.getMessage(), e);
        }
        return Map.of("POSTGRES_JDBC_URL", url,
                "POSTGRES_USER", "meshfleet_app",
                "POSTGRES_PASSWORD", password,
                "POSTGRES_OWNER_USER", postgres.username(),
                "POSTGRES_OWNER_PASSWORD", postgres.password());
    }

    /** A bearer token with every role, for the demo's own calls and for --keep-running. */
    public String token() {
        return token;
    }

    /** The base URL of a service by module name, e.g. {@code orchestrator}. */
    public String url(String service) {
        String url = urls.get(service);
        if (url == null) {
            throw new IllegalStateException(service + " is not running");
        }
        return url;
    }

    /** The running fleet. */
    public FleetSim fleet() {
        return fleet;
    }

    /** The generated release (its directory is the mirror's source). */
    public SimRelease release() {
        return release;
    }

    /** The running services. */
    public List<ServiceJvm> services() {
        return List.copyOf(services);
    }

    /** One service by name: a module name, or an extra agent's name. */
    public ServiceJvm service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " was not started; started: "
                        + services.stream().map(ServiceJvm::name).toList()));
    }

    /**
     * Crashes a service: {@code kill -9}, no shutdown hooks. It stays down until {@link #restart(String)}; its data
     * (database, consumer offsets) stays as the crash left it.
     */
    public void kill(String name) {
        ServiceJvm service = service(name);
        service.kill();
        progress.accept(name + " killed (kill -9)");
    }

    /**
     * Starts a service again with the same environment, port and data, and waits until it is ready; a service that
     * is still running is first killed ({@code kill -9}), as in a crash.
     */
    public void restart(String name) {
        ServiceJvm service = service(name);
        if (service.isAlive()) {
            kill(name);
        }
        service.start();
        service.awaitReady(READY_TIMEOUT);
        progress.accept(name + " ready again at " + service.url());
    }

    /**
     * Bounces the Kafka broker: stops it (controlled shutdown) and starts it again on the same port with the same data,
     * as a broker restart in production; the services reconnect by themselves.
     */
    public void restartKafka() {
        kafka.restart();
        progress.accept("Kafka broker restarted at " + kafka.bootstrapServers());
    }

    /**
     * Restarts PostgreSQL ({@code pg_ctl stop -m fast}, then start) on the same port with the same data; the services'
     * connections break and they reconnect by themselves.
     */
    public void restartPostgres() {
        postgres.restart();
        progress.accept("PostgreSQL restarted at 127.0.0.1:" + postgres.port());
    }

    /** Stops PostgreSQL ({@code pg_ctl stop -m fast}) and leaves it down: a database outage, until {@link #startPostgres}. */
    public void stopPostgres() {
        postgres.stop();
        progress.accept("PostgreSQL stopped (port " + postgres.port() + ")");
    }

    /** Starts PostgreSQL again after {@link #stopPostgres}, on the same port with the same data. */
    public void startPostgres() {
        postgres.start();
        progress.accept("PostgreSQL started again at 127.0.0.1:" + postgres.port());
    }

    /** The Kafka bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The working directory (logs, keys, data). */
    public Path work() {
        return work;
    }

    @Override
    public void close() {
        List<ServiceJvm> running = new ArrayList<>(services);
        java.util.Collections.reverse(running);
        for (ServiceJvm service : running) {
            service.stop();
        }
        services.clear();
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            lockChannel = null;
            workLock = null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
