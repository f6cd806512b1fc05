package io.meshfleet.stack.quarkus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.meshfleet.stack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource starting a real PostgreSQL with a fresh database and pointing the default datasource at it. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Returned key: the default datasource's JDBC URL. */
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    /** Returned key: the default datasource's user name. */
    public static final String USERNAME = "quarkus.datasource.username";

    /** Returned key: the default datasource's password. */
    public static final String PASSWORD = "quarkus.datasource.password";

    /** Init argument: the database name (default: {@code meshfleet_test_} and a random suffix, new on every start). */
    public static final String ARG_DATABASE = "database";

    /** Init argument: a data directory to keep (default: a temporary one, deleted on stop). */
    public static final String ARG_DATA_DIRECTORY = "dataDirectory";

    private static volatile PostgresServer server;
    private static volatile AutoCloseable container;
    private static volatile String jdbcUrl;

    private Map<String, String> initArgs = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        String database = initArgs.getOrDefault(ARG_DATABASE,
                "meshfleet_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
        String username;
        String password;
        if (StackMode.useTestcontainers()) {
            ContainerStack.Running postgres = ContainerStack.startPostgres(database);
            container = postgres.container();
            jdbcUrl = postgres.address();
            username = postgres.username();
            password = postgres.password();
        } else {
            PostgresServer.Builder builder = PostgresServer.builder();
            String directory = initArgs.get(ARG_DATA_DIRECTORY);
            if (directory != null && !directory.isBlank()) {
                builder.dataDirectory(Path.of(directory));
            }
            PostgresServer started = builder.build();
            try {
                started.start();
                jdbcUrl = started.createDatabase(database);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            server = started;
            username = started.username();
            password = started.password();
            System.out.println("[meshfleet] PostgreSQL for tests at " + jdbcUrl + ", started in "
                    + started.lastStartDuration().toMillis() + " ms");
        }
        return Map.of(JDBC_URL, jdbcUrl, USERNAME, username, PASSWORD, password);
    }

    @Override
    public void stop() {
        PostgresServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
        AutoCloseable runningContainer = container;
        container = null;
        if (runningContainer != null) {
            try {
                runningContainer.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop the PostgreSQL container", e);
            }
        }
        jdbcUrl = null;
    }

    /**
     * The embedded server of the running test resource, to restart it in a test.
     *
     * @return the running server
     * @throws IllegalStateException when no embedded server runs (not started, or Testcontainers in use)
     */
    public static PostgresServer server() {
        PostgresServer running = server;
        if (running == null) {
            throw new IllegalStateException(container != null
                    ? "PostgreSQL runs in Testcontainers (meshfleet.stack=testcontainers); there is no embedded server"
                    : "PostgresTestResource has not been started");
        }
        return running;
    }

    /**
     * The JDBC URL of the test database of the running test resource.
     *
     * @return the JDBC URL
     * @throws IllegalStateException when it has not been started
     */
    public static String jdbcUrl() {
        String url = jdbcUrl;
        if (url == null) {
            throw new IllegalStateException("PostgresTestResource has not been started");
        }
        return url;
    }
}
