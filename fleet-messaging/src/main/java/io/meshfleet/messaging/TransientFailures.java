package io.meshfleet.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an infrastructure failure that goes away by itself (PostgreSQL restarting or unreachable, the pool's
 * connections dead after a restart, no connection to be had) from a failure of the message itself. A message that
 * failed transiently is not a bad message: it must wait for the database rather than be dead-lettered after a few
 * quick attempts. Pure: looks only at the exception and its cause chain.
 *
 * <p>Transient, anywhere in the cause chain (Hibernate's {@code JDBCConnectionException}, Narayana's and Quarkus'
 * transaction exceptions and our own wrappers keep the {@link SQLException} as a cause):
 * <ul>
 *   <li>{@link SQLTransientException} and {@link SQLRecoverableException} (the JDBC spec's own classes);</li>
 *   <li>an {@link SQLException} whose SQLState is of class {@code 08} (connection exception: PgJDBC's {@code 08001}
 *       "Connection refused" while the server is down, {@code 08006} I/O error on a connection the server closed,
 *       {@code 08003} "This connection has been closed"), {@code 57P01} admin shutdown (what a fast shutdown sends
 *       to every session), {@code 57P02} crash shutdown, {@code 57P03} cannot connect now (the server is starting
 *       or shutting down), {@code 53300} too many connections;</li>
 *   <li>Agroal's acquisition timeout (an {@link SQLException} without SQLState: "Sorry, acquisition timeout!",
 *       "Acquisition timeout while waiting for new connection").</li>
 * </ul>
 * Everything else (constraint violations, syntax errors, a serialisation failure of a bug) is not transient.
 */
public final class TransientFailures {

    private static final int MAX_DEPTH = 32;
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private TransientFailures() {
    }

    /**
     * The first link of {@code failure}'s cause chain that makes it transient, if any.
     *
     * @param failure what an attempt threw
     * @return the transient cause (possibly {@code failure} itself), empty for a failure that is not transient
     */
    public static Optional<Throwable> transientCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable link = failure;
        for (int depth = 0; link != null && depth < MAX_DEPTH && seen.add(link); depth++) {
            if (isTransientLink(link)) {
                return Optional.of(link);
            }
            link = link.getCause();
        }
        return Optional.empty();
    }

    /**
     * Whether {@code failure} or one of its causes is transient.
     *
     * @param failure what an attempt threw
     * @return true when waiting and trying again is the right answer
     */
    public static boolean isTransient(Throwable failure) {
        return transientCause(failure).isPresent();
    }

    /**
     * A one-line description of a failure for a log line or a dead letter's detail: class, SQLState when there is
     * one, message; no stack trace.
     *
     * @param failure the failure (typically what {@link #transientCause} returned)
     * @return e.g. {@code PSQLException [08001]: Connection to 127.0.0.1:5432 refused}
     */
    public static String summary(Throwable failure) {
        StringBuilder line = new StringBuilder(failure.getClass().getSimpleName());
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            line.append(" [").append(sql.getSQLState()).append(']');
        }
        String message = failure.getMessage();
        if (message != null && !message.isBlank()) {
            line.append(": ").append(message.strip().replaceAll("\\s*\\R\\s*", " "));
        }
        return line.toString();
    }

    private static boolean isTransientLink(Throwable link) {
        if (link instanceof SQLTransientException || link instanceof SQLRecoverableException) {
            return true;
        }
        if (!(link instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || SQL_STATES.contains(state);
        }
        String message = sql.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
