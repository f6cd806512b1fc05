package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.events.signing.SigningKey;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.stack.KafkaBroker;
import io.meshfleet.stack.PostgresServer;
import io.meshfleet.stack.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules query is really exported: the four services run
 * as separate JVMs from their packaged {@code target/quarkus-app} (as in production, configured by environment
 * variables) against a real Kafka broker, a real PostgreSQL and a fleet-sim cluster served by one agent; their
 * {@code /q/metrics} are scraped and every name the queries use must appear, without any rollout having run (the
 * services register their tagged meters at zero, so a fresh install shows 0 rather than "no data").
 */
class ExportedMetricsIT {

    private static final List<String> SERVICES = List.of("artifact-service", "orchestrator", "sidecar-roller",
            "cluster-agent");
    private static final String FLEET = """
            name: exported-metrics
            clusters:
              - name: user-01
                mesh: {version: 1.6.14-asm.1, profile: asm-multicloud}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: frontend, replicas: 1}
            """;

    @TempDir
    static Path work;

    private static KafkaBroker kafka;
    private static PostgresServer postgres;
    private static FleetSim fleet;
    private static final Map<String, ServiceJvm> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTheStack() throws Exception {
        Path home = home();
        kafka = KafkaBroker.builder().dataDirectory(work.resolve("kafka")).partitions(3).build();
        kafka.start();
        postgres = PostgresServer.builder().dataDirectory(work.resolve("postgres")).build();
        postgres.start();
        fleet = FleetSim.start(ScenarioReader.read(FLEET, "exported-metrics"), work.resolve("fleet"));

        Path keys = Files.createDirectories(work.resolve("keys"));
        SigningKey orchestratorKey = SigningKey.generate();
        SigningKey rollerKey = SigningKey.generate();
        orchestratorKey.store(keys.resolve("orchestrator.pem"));
        rollerKey.store(keys.resolve("roller.pem"));
        Path trusted = Files.createDirectories(keys.resolve("agent-trusted"));
        Files.writeString(trusted.resolve("orchestrator.pem"), orchestratorKey.publicKeyPem());
        Files.writeString(trusted.resolve("roller.pem"), rollerKey.publicKeyPem());
        Files.writeString(keys.resolve("jwt-public.pem"), rsaPublicKeyPem());

        Map<String, String> kafkaEnv = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        ServiceJvm artifacts = service(home, "artifact-service").env(kafkaEnv).env(database("meshfleet_artifacts"))
                .env("MESHFLEET_ARTIFACTS_STORE_DIR", work.resolve("artifacts").toString()).build();
        ServiceJvm orchestrator = service(home, "orchestrator").env(kafkaEnv).env(orchestratorDatabase())
                .env("MESHFLEET_SIGNING_KEY", keys.resolve("orchestrator.pem").toString())
                .env("MESHFLEET_JWT_PUBLIC_KEY", keys.resolve("jwt-public.pem").toString()).build();
        ServiceJvm roller = service(home, "sidecar-roller").env(kafkaEnv).env(database("meshfleet_roller"))
                .env("ROLLER_SIGNING_KEY", keys.resolve("roller.pem").toString()).build();
        ServiceJvm agent = service(home, "cluster-agent").env(kafkaEnv)
                .env("MESHFLEET_AGENT_CLUSTERS", String.join(",", fleet.clusterNames()))
                .env("MESHFLEET_AGENT_KUBECONFIG", fleet.kubeconfig().toString())
                .env("MESHFLEET_AGENT_TRUSTED_KEYS_DIR", trusted.toString())
                .env("MESHFLEET_AGENT_ARTIFACT_URL", artifacts.url()).build();
        for (ServiceJvm service : List.of(artifacts, orchestrator, roller, agent)) {
            running.put(service.name(), service.start());
        }
        for (ServiceJvm service : running.values()) {
            service.awaitReady(Duration.ofMinutes(4));
        }
    }

    @AfterAll
    static void stopTheStack() {
        List<ServiceJvm> services = new ArrayList<>(running.values());
        java.util.Collections.reverse(services);
        services.forEach(ServiceJvm::stop);
        if (fleet != null) {
            fleet.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExportedByTheRunningServices() {
        Set<String> queried = DashboardQueries.allMetrics();
        assertThat(queried).as("the dashboard and alerts name metrics").hasSizeGreaterThan(10);
        // The roller registers a cluster's meters on its first state report, which the agent sends soon after it
        // starts; the orchestrator's plan gauges exist from its start.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Set<String>> exported = scrapeAll();
            Set<String> all = new TreeSet<>();
            exported.values().forEach(all::addAll);
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(all);
            assertThat(missing).as("queried by deploy/observability but exported by none of " + exported.keySet())
                    .isEmpty();
        });
    }

    @Test
    void aFreshInstallExportsZerosForTheTaggedMetersTheDashboardShows() throws Exception {
        String agent = scrape(running.get("cluster-agent"));
        assertThat(agent).contains("meshfleet_agent_commands_total{cluster=\"user-01\",outcome=\"accepted\"} 0.0",
                "meshfleet_agent_commands_total{cluster=\"user-01\",outcome=\"UNKNOWN_KEY\"} 0.0");
        String artifacts = scrape(running.get("artifact-service"));
        assertThat(artifacts).contains("meshfleet_artifacts_rejections_total{reason=\"SIGNATURE_INVALID\"} 0.0",
                "meshfleet_artifacts_verified_total{platform=\"linux\"} 0.0");
        String orchestrator = scrape(running.get("orchestrator"));
        assertThat(orchestrator).contains("meshfleet_orchestrator_leader 1.0")
                .containsPattern("meshfleet_messages_dead_letters_total\\{consumer=\"agent-events\",reason=\"DUPLICATE\"[^}]*\\} 0\\.0");
    }

    private Map<String, Set<String>> scrapeAll() throws Exception {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        for (ServiceJvm service : running.values()) {
            names.put(service.name(), metricNames(scrape(service)));
        }
        return names;
    }

    private String scrape(ServiceJvm service) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(service.name() + " /q/metrics").isEqualTo(200);
        return response.body();
    }

    /** The metric names of a Prometheus text exposition (samples only, comments skipped). */
    static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static Path home() {
        String home = System.getProperty("meshfleet.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("system property meshfleet.home (the repository root) is not set: run"
                    + " through Maven (deploy/pom.xml sets it)");
        }
        Path root = Path.of(home);
        for (String service : SERVICES) {
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist: build with ./mvnw -B -pl deploy -am verify"
                        + " -Dtest='io/meshfleet/deploy/**' -Dsurefire.failIfNoSpecifiedTests=false, which packages the"
                        + " services first");
            }
        }
        return root;
    }

    private static ServiceJvm.Builder service(Path home, String module) {
        return ServiceJvm.builder(module, home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"))
                .logFile(work.resolve("logs").resolve(module + ".log"));
    }

    private static Map<String, String> database(String name) {
        return Map.of("POSTGRES_JDBC_URL", postgres.createDatabase(name), "POSTGRES_USER", postgres.username(),
                "POSTGRES_PASSWORD", postgres.password());
    }

    /** Flyway migrates as the owner, the service runs as its own role (as deploy/db/roles.sql sets it up). */
    private static Map<String, String> orchestratorDatabase() throws SQLException {
        String url = postgres.createDatabase("meshfleet_orchestrator");
        String password = UUID.randomUUID().toString();
        try (Connection connection = postgres.connect("meshfleet_orchestrator");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE meshfleet_app LOGIN PASSWORD '" + password + "'");
        }
        return Map.of("POSTGRES_JDBC_URL", url, "POSTGRES_USER", "meshfleet_app", "POSTGRES_PASSWORD", password,
                "POSTGRES_OWNER_USER", postgres.username(), "POSTGRES_OWNER_PASSWORD", postgres.password());
    }

    /** A public key for the orchestrator's token verification (no token is needed to scrape /q/metrics). */
    private static String rsaPublicKeyPem() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                generator.generateKeyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }
}
