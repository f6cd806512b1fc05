package io.meshfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshfleet.stack.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What PgJDBC really throws when a real PostgreSQL stops and starts again, and that {@link TransientFailures} calls
 * each of them transient: a pooled connection used after the server went down, a new connection while it is down,
 * and the old connection after it is back. (The pool and transaction layers on top are exercised by the
 * orchestrator's DatabaseRestartIT.)
 */
class PostgresOutageFailuresIT {

    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = new PostgresServer();
        server.start();
        server.createDatabase("outage");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyFailureOfARestartIsTransientAndANewConnectionWorksAfterIt() throws SQLException {
        try (Connection pooled = server.connect("outage")) {
            query(pooled);

            server.stop();
            SQLException onDeadConnection = catchThrowableOfType(SQLException.class, () -> query(pooled));
            SQLException whileDown = catchThrowableOfType(SQLException.class, () -> server.connect("outage").close());
            server.start();
            SQLException afterRestart = catchThrowableOfType(SQLException.class, () -> query(pooled));

            for (SQLException failure : new SQLException[] {onDeadConnection, whileDown, afterRestart}) {
                assertThat((Object) failure).as("the attempt failed").isNotNull();
                System.out.println("[outage] " + TransientFailures.summary(failure));
                assertThat(TransientFailures.isTransient(failure)).as(TransientFailures.summary(failure)).isTrue();
            }
            assertThat(whileDown.getSQLState()).isEqualTo("08001");
        }
        try (Connection fresh = server.connect("outage")) {
            query(fresh);
        }
    }

    private static void query(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
    }
}
