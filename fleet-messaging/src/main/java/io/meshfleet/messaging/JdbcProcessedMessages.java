package io.meshfleet.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * {@link ProcessedMessages} in the service's PostgreSQL database (table {@code processed_message},
 * created by the service's Flyway migrations). Used inside the transaction of the handler, so an id
 * is recorded exactly when the handler's effects are committed. Ids are kept for a retention period
 * (longer than any redelivery can lag), then pruned.
 */
public final class JdbcProcessedMessages implements ProcessedMessages {

    private static final int PRUNE_EVERY = 1000;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration retention;
    private final AtomicLong added = new AtomicLong();

    public JdbcProcessedMessages(DataSource dataSource, Clock clock, Duration retention) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public boolean contains(String consumer, String messageId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM processed_message WHERE consumer = ? AND message_id = ?")) {
            select.setString(1, consumer);
            select.setString(2, messageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read processed_message: " + e.getMessage(), e);
        }
    }

    @Override
    public void add(String consumer, String messageId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO processed_message (consumer, message_id, processed_at) VALUES (?, ?, ?)")) {
                insert.setString(1, consumer);
                insert.setString(2, messageId);
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.executeUpdate();
            }
            if (added.incrementAndGet() % PRUNE_EVERY == 0) {
                try (PreparedStatement prune = connection.prepareStatement(
                        "DELETE FROM processed_message WHERE processed_at < ?")) {
                    prune.setTimestamp(1, Timestamp.from(clock.instant().minus(retention)));
                    prune.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write processed_message: " + e.getMessage(), e);
        }
    }
}
