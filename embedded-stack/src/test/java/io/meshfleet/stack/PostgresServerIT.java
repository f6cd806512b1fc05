package io.meshfleet.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real PostgreSQL server: a row written before a restart is read after it, on the same port. */
class PostgresServerIT {

    @TempDir
    Path temp;

    @Test
    void aCommittedRowSurvivesARestartOnTheSamePort() throws Exception {
        try (PostgresServer server = new PostgresServer(temp.resolve("pgdata"))) {
            server.start();
            Timing.print("PostgreSQL first start (initdb + start)", server.lastStartDuration());
            int port = server.port();
            String url = server.createDatabase("it_restart");
            assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/it_restart");
            assertThat(server.createDatabase("it_restart")).isEqualTo(url);

            try (Connection connection = server.connect("it_restart"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE rollout (id BIGINT PRIMARY KEY, mesh_version TEXT NOT NULL)");
                statement.execute("INSERT INTO rollout VALUES (1, '1.24.3')");
            }

            server.restart();
            Timing.print("PostgreSQL restart", server.lastStartDuration());

            assertThat(server.port()).isEqualTo(port);
            assertThat(server.jdbcUrl("it_restart")).isEqualTo(url);
            try (Connection connection = java.sql.DriverManager.getConnection(url, server.username(), server.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT mesh_version FROM rollout WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("1.24.3");
            }
            assertThat(server.logFile()).isRegularFile();
        }
    }

    @Test
    void aNewInstanceOnTheSameDirectoryKeepsThePortAndTheData() throws Exception {
        Path directory = temp.resolve("reopened");
        int port;
        try (PostgresServer first = new PostgresServer(directory)) {
            first.start();
            port = first.port();
            first.createDatabase("kept");
        }
        try (PostgresServer second = new PostgresServer(directory)) {
            second.start();
            Timing.print("PostgreSQL start of a new instance on existing data", second.lastStartDuration());
            assertThat(second.port()).isEqualTo(port);
            try (Connection connection = second.connect("kept")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aTemporaryServerDeletesItsDirectoryOnClose() {
        PostgresServer server = new PostgresServer();
        Path directory = server.dataDirectory();
        server.start();
        assertThat(server.isRunning()).isTrue();
        server.close();
        assertThat(directory).doesNotExist();
        assertThatThrownBy(() -> server.createDatabase("bad-name")).isInstanceOf(IllegalArgumentException.class);
    }
}
