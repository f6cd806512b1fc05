package io.meshfleet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Which failures mean "the database is away, wait for it" and which mean "this message fails": a table of what
 * PgJDBC, Agroal, Hibernate and our own wrappers throw (messages and SQLStates as they really appear; the real
 * server's are pinned by {@link PostgresOutageFailuresIT}).
 */
class TransientFailuresTest {

    static Stream<Arguments> failures() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused. Check that the hostname and "
                + "port are correct and that the postmaster is accepting TCP/IP connections.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        PSQLException ioError = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new IOException("Broken pipe"));
        SQLException adminShutdown = new SQLException("FATAL: terminating connection due to administrator command",
                "57P01");
        return Stream.of(
                row("connection refused while the server is down (08001)", refused, true),
                row("I/O error on a pooled connection the server closed (08006)", ioError, true),
                row("connection closed (08003)", new PSQLException("This connection has been closed.",
                        PSQLState.CONNECTION_DOES_NOT_EXIST), true),
                row("admin shutdown (57P01)", adminShutdown, true),
                row("crash shutdown (57P02)", new SQLException("FATAL: terminating connection because of crash of "
                        + "another server process", "57P02"), true),
                row("cannot connect now (57P03)", new SQLException("FATAL: the database system is starting up",
                        "57P03"), true),
                row("too many connections (53300)", new SQLException("FATAL: sorry, too many clients already",
                        "53300"), true),
                row("JDBC transient class", new SQLTransientConnectionException("pool exhausted"), true),
                row("JDBC recoverable class", new SQLRecoverableException("reconnect and retry"), true),
                row("Agroal acquisition timeout", new SQLException("Sorry, acquisition timeout!"), true),
                row("Agroal acquisition timeout, older wording",
                        new SQLException("Acquisition timeout while waiting for new connection"), true),
                row("Agroal creation failure wrapping PgJDBC's",
                        new SQLException("Failed to create connection after -1 retries", refused), true),
                row("Hibernate-style wrapper (JDBCConnectionException keeps the SQLException as cause)",
                        new JdbcConnectionWrapper("Unable to acquire JDBC Connection", refused), true),
                row("our own wrapper (JdbcProcessedMessages, AuditTrail)",
                        new IllegalStateException("cannot read processed_message: " + ioError.getMessage(), ioError),
                        true),
                row("transaction wrapper around a wrapper",
                        new RuntimeException("transaction rolled back", new IllegalStateException("audit",
                                adminShutdown)), true),
                row("non-transient connection class but a connection SQLState",
                        new SQLNonTransientConnectionException("connection lost", "08006"), true),
                row("unique violation (23505)", new SQLIntegrityConstraintViolationException("duplicate key",
                        "23505"), false),
                row("syntax error (42601)", new PSQLException("ERROR: syntax error at or near \"SELEC\"",
                        PSQLState.SYNTAX_ERROR), false),
                row("serialisation failure (40001) is a retry of the message, not an outage",
                        new SQLException("could not serialize access", "40001"), false),
                row("authentication failed (28P01)", new SQLException("password authentication failed", "28P01"),
                        false),
                row("SQLException without state or known message", new SQLException("Connection is closed"), false),
                row("pool shutting down is not an outage",
                        new SQLException("Can't create new connection as the pool is shutting down"), false),
                row("a plain bug", new IllegalStateException("no plan plan-42"), false),
                row("a bare ConnectException outside JDBC (Kafka, HTTP) is not the database",
                        new ConnectException("Connection refused"), false),
                row("null message", new NullPointerException(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void classifiesTheCauseChain(String description, Throwable failure, boolean expected) {
        assertThat(TransientFailures.isTransient(failure)).as(description).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void theTransientCauseIsTheSqlExceptionInTheChain(String description, Throwable failure, boolean expected) {
        assertThat(TransientFailures.transientCause(failure).map(c -> c instanceof SQLException).orElse(false))
                .as(description).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aCyclicCauseChainEnds() {
        CyclicException a = new CyclicException("a");
        CyclicException b = new CyclicException("b");
        a.cause = b;
        b.cause = a;

        assertThat(TransientFailures.isTransient(a)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theSummaryIsOneLineWithTheSqlState() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused.\n  Check the host.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        assertThat(TransientFailures.summary(refused))
                .isEqualTo("PSQLException [08001]: Connection to 127.0.0.1:5432 refused. Check the host.");
        assertThat(TransientFailures.summary(new SQLException("Sorry, acquisition timeout!")))
                .isEqualTo("SQLException: Sorry, acquisition timeout!");
    }

    private static Arguments row(String description, Throwable failure, boolean expected) {
        return Arguments.of(description, failure, expected);
    }

    /** Shaped like Hibernate's JDBCConnectionException: a runtime exception whose cause is the SQLException. */
    private static final class JdbcConnectionWrapper extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JdbcConnectionWrapper(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /** An exception whose cause chain loops (getCause overridden, as some libraries do). */
    private static final class CyclicException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        Throwable cause;

        CyclicException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable getCause() {
            return cause;
        }
    }
}
