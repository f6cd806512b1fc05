package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshfleet.stack.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/db/roles.sql and schema.sql run as a superuser on a real PostgreSQL, as the README says: the owner role
 * owns the schema, the application role owns nothing and cannot create objects, nobody connects to a database
 * that is not theirs, and the audit trail grants of the orchestrator leave the application role append-only.
 */
class DbRolesIT {

    @TempDir
    static Path work;

    private static PostgresServer postgres;

    @BeforeAll
    static void runTheScripts() throws Exception {
        postgres = PostgresServer.builder().dataDirectory(work.resolve("pg")).build();
        postgres.start();
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            // CREATE DATABASE cannot run inside the implicit transaction of a multi-statement string: one at a time.
            for (String statement : statements(DeployTree.read(DeployTree.root().resolve("db/roles.sql")))) {
                s.execute(statement);
            }
            for (String role : List.of("meshfleet", "meshfleet_app", "meshfleet_artifacts", "meshfleet_roller")) {
                s.execute("ALTER ROLE " + role + " PASSWORD 'secret'");
            }
        }
        for (String db : List.of("meshfleet", "meshfleet_artifacts", "meshfleet_roller")) {
            try (Connection c = postgres.connect(db); Statement s = c.createStatement()) {
                s.execute(DeployTree.read(DeployTree.root().resolve("db/schema.sql")));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void noRoleIsPrivileged() throws Exception {
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
                        + "rolcanlogin FROM pg_roles WHERE rolname LIKE 'meshfleet%' ORDER BY rolname")) {
            int count = 0;
            while (rs.next()) {
                count++;
                assertThat(rs.getBoolean("rolsuper")).as(rs.getString(1)).isFalse();
                assertThat(rs.getBoolean("rolcreaterole")).as(rs.getString(1)).isFalse();
                assertThat(rs.getBoolean("rolcreatedb")).as(rs.getString(1)).isFalse();
                assertThat(rs.getBoolean("rolbypassrls")).as(rs.getString(1)).isFalse();
                assertThat(rs.getBoolean("rolcanlogin")).as(rs.getString(1)).isTrue();
            }
            assertThat(count).isEqualTo(4);
        }
    }

    @Test
    void theOwnerMigratesAndTheApplicationRoleOnlyAppendsToTheAuditTrail() throws Exception {
        try (Connection owner = as("meshfleet", "meshfleet"); Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE audit_entry_probe (seq bigint PRIMARY KEY, what text)");
            // What the orchestrator's V4 migration grants the application role on its audit trail.
            s.execute("GRANT SELECT, INSERT ON audit_entry_probe TO meshfleet_app");
        }
        try (Connection app = as("meshfleet", "meshfleet_app"); Statement s = app.createStatement()) {
            s.execute("INSERT INTO audit_entry_probe VALUES (1, 'plan created')");
            assertThatThrownBy(() -> s.execute("UPDATE audit_entry_probe SET what = 'forged'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_entry_probe"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("TRUNCATE audit_entry_probe"))
                    .hasMessageContaining("permission denied");
            // It owns nothing, so granting itself more grants nothing (PostgreSQL only warns).
            s.execute("GRANT UPDATE ON audit_entry_probe TO meshfleet_app");
            assertThatThrownBy(() -> s.execute("UPDATE audit_entry_probe SET what = 'forged'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("ALTER TABLE audit_entry_probe OWNER TO meshfleet_app"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("CREATE TABLE sneaky (id int)"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void eachRoleConnectsOnlyToItsOwnDatabase() {
        assertThatThrownBy(() -> as("meshfleet_artifacts", "meshfleet_app").close())
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> as("meshfleet", "meshfleet_roller").close())
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> as("meshfleet_roller", "meshfleet_artifacts").close())
                .hasMessageContaining("permission denied");
    }

    @Test
    void theServiceRolesOwnTheirSchemas() throws Exception {
        for (String role : List.of("meshfleet_artifacts", "meshfleet_roller")) {
            try (Connection c = as(role, role); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE flyway_probe (id int)");
                s.execute("DROP TABLE flyway_probe");
            }
        }
        try (Connection c = postgres.connect("meshfleet"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("meshfleet");
        }
    }

    private static Connection as(String database, String role) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), role, "secret");
    }

    private static List<String> statements(String sql) {
        String withoutComments = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        return java.util.Arrays.stream(withoutComments.split(";")).map(String::strip).filter(st -> !st.isEmpty()).toList();
    }
}
