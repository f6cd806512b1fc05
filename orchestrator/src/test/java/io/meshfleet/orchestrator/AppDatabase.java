package io.meshfleet.orchestrator;

import io.meshfleet.stack.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The real PostgreSQL of {@link PostgresTestResource}, used the way production uses it: Flyway
 * migrates as the superuser (the schema owner), the application connects as its own role
 * {@value #APP_ROLE}, which cannot UPDATE, DELETE or TRUNCATE the audit trail. The server and its
 * database live as long as the test JVM, so that a restarted orchestrator (see {@link RestartPart2IT})
 * finds the state the first one left.
 */
public class AppDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String APP_ROLE = "meshfleet_app";
    static final String APP_PASSWORD = "app-test-password";

    // Kept in system properties, not statics: a restarted application (another test profile) may load
    // this class again, and must find the same running server and database.
    private static final String URL = "meshfleet.it.postgres.url";
    private static final String USER = "meshfleet.it.postgres.user";
    private static final String PASSWORD = "meshfleet.it.postgres.password";

    private final PostgresTestResource postgres = new PostgresTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        postgres.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        if (System.getProperty(URL) == null) {
            Map<String, String> started = postgres.start();
            System.setProperty(URL, started.get(PostgresTestResource.JDBC_URL));
            System.setProperty(USER, started.get(PostgresTestResource.USERNAME));
            System.setProperty(PASSWORD, started.get(PostgresTestResource.PASSWORD));
            // Stopped when the test JVM ends, not when one application stops: see the class comment.
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "app-database-stop"));
        }
        Map<String, String> owner = Map.of(PostgresTestResource.JDBC_URL, System.getProperty(URL),
                PostgresTestResource.USERNAME, System.getProperty(USER),
                PostgresTestResource.PASSWORD, System.getProperty(PASSWORD));
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
                    + "CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the application role", e);
        }
        Map<String, String> config = new HashMap<>();
        String url = owner.get(PostgresTestResource.JDBC_URL);
        config.put(PostgresTestResource.JDBC_URL, url);
        config.put(PostgresTestResource.USERNAME, APP_ROLE);
        config.put(PostgresTestResource.PASSWORD, APP_PASSWORD);
        config.put("quarkus.flyway.jdbc-url", url);
        config.put("quarkus.flyway.username", owner.get(PostgresTestResource.USERNAME));
        config.put("quarkus.flyway.password", owner.get(PostgresTestResource.PASSWORD));
        config.put("quarkus.flyway.placeholders.app_role", APP_ROLE);
        return config;
    }

    @Override
    public void stop() {
        // The server outlives one application (a restart test starts a second one); see start().
    }

    /** A connection as the superuser that started the server: can do what the application cannot. */
    public static Connection superuser() throws SQLException {
        return DriverManager.getConnection(System.getProperty(URL), System.getProperty(USER),
                System.getProperty(PASSWORD));
    }

    /** A connection as the application's role. */
    public static Connection application() throws SQLException {
        return DriverManager.getConnection(System.getProperty(URL), APP_ROLE, APP_PASSWORD);
    }
}
