package io.meshfleet.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.events.Envelope;
import io.meshfleet.messaging.DeadLetterMeters;
import io.meshfleet.messaging.InboundEnvelopes;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.PostgresServer;
import io.meshfleet.stack.quarkus.PostgresTestResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: the orchestrator across a restart of the real PostgreSQL. A report delivered while the database is
 * down is not a bad message: the consumer waits for the database (counted as transient retries) and records the
 * report once it is back, on the same port with the same data; nothing is dead-lettered. Before the fix the consumer
 * tried three times within milliseconds and dead-lettered the report as PROCESSING_FAILED.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class DatabaseRestartIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String CONSUMER = "cluster-state";

    @Inject
    MeterRegistry meters;

    @Test
    void aReportDeliveredWhileThePoolsDatabaseIsDownIsRecordedWhenItIsBackAndNothingIsDeadLettered() throws Exception {
        PostgresServer postgres = PostgresTestResource.server();
        // The pool holds connections opened before the outage: after the restart every one of them is dead.
        TestKafka.publish(Envelope.of("test/agent", InventoryIT.state("db-before", 1, "1.6.14-asm.1"), CLOCK));
        await().atMost(Duration.ofSeconds(30)).until(() -> generation("db-before") == 1);
        double deadLettersBefore = deadLetters();
        double retriesBefore = retries();

        postgres.stop();
        long down = System.nanoTime();
        try {
            TestKafka.publish(Envelope.of("test/agent", InventoryIT.state("db-outage", 7, "1.5.10-asm.2"), CLOCK));
            await("the consumer trying the report while the database is down").atMost(Duration.ofSeconds(30))
                    .until(() -> retries() >= retriesBefore + 3 || deadLetters() > deadLettersBefore);
            assertThat(deadLetters()).as("dead letters of %s while the database is down", CONSUMER)
                    .isEqualTo(deadLettersBefore);
        } finally {
            postgres.start();
        }
        long up = System.nanoTime();

        await("the report recorded after the restart").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> generation("db-outage") == 7);
        long recorded = System.nanoTime();
        System.out.printf("[db-restart] PostgreSQL down %d ms; report recorded %d ms after it was back; %.0f transient"
                + " retries; dead letters %.0f%n", (up - down) / 1_000_000, (recorded - up) / 1_000_000,
                retries() - retriesBefore, deadLetters() - deadLettersBefore);

        assertThat(deadLetters()).as("dead letters of %s", CONSUMER).isEqualTo(deadLettersBefore);
        // The consumer is live, not just caught up: a report sent after the restart is recorded too.
        TestKafka.publish(Envelope.of("test/agent", InventoryIT.state("db-after", 3, "1.5.10-asm.2"), CLOCK));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> generation("db-after") == 3);
        assertThat(deadLetters()).as("dead letters of %s", CONSUMER).isEqualTo(deadLettersBefore);
    }

    private double deadLetters() {
        return meters.find(DeadLetterMeters.NAME).tag("consumer", CONSUMER).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double retries() {
        Counter counter = meters.find(InboundEnvelopes.TRANSIENT_RETRIES).tag("consumer", CONSUMER).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The observed generation the inventory holds for {@code clusterId}, read straight from PostgreSQL; -1 if none. */
    private static long generation(String clusterId) throws SQLException {
        try (Connection c = AppDatabase.superuser();
                PreparedStatement select = c.prepareStatement(
                        "SELECT observed_generation FROM cluster WHERE cluster_id = ?")) {
            select.setString(1, clusterId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
