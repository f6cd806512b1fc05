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
 * {@value #APP_ROLE}, which cannot UPDATE, DELETE or TRUNCATE the audit trail.
 */
public class AppDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String APP_ROLE = "meshfleet_app";
    static final String APP_PASSWORD = "app-test-password";

    private final PostgresTestResource postgres = new PostgresTestResource();
    private static volatile Map<String, String> superuser;

    @Override
    public void init(Map<String, String> initArgs) {
        postgres.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> owner = postgres.start();
        superuser = owner;
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
        postgres.stop();
    }

    /** A connection as the superuser that started the server: can do what the application cannot. */
    public static Connection superuser() throws SQLException {
        Map<String, String> owner = superuser;
        return DriverManager.getConnection(owner.get(PostgresTestResource.JDBC_URL),
                owner.get(PostgresTestResource.USERNAME), owner.get(PostgresTestResource.PASSWORD));
    }

    /** A connection as the application's role. */
    public static Connection application() throws SQLException {
        return DriverManager.getConnection(superuser.get(PostgresTestResource.JDBC_URL), APP_ROLE, APP_PASSWORD);
    }
}
