package io.meshfleet.orchestrator.messaging;

import io.agroal.api.AgroalDataSource;
import io.meshfleet.messaging.JdbcProcessedMessages;
import io.meshfleet.messaging.ProcessedMessages;
import io.meshfleet.messaging.UnitOfWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The orchestrator keeps processed message ids in PostgreSQL, in the same transaction as the state
 * change each message causes: a crash between the two is impossible, and deduplication survives
 * restarts (ids are kept for seven days).
 */
@Singleton
public class DurableMessaging {

    @Produces
    @Singleton
    ProcessedMessages processedMessages(AgroalDataSource dataSource, Clock clock) {
        return new JdbcProcessedMessages(dataSource, clock, Duration.ofDays(7));
    }

    @Produces
    @Singleton
    UnitOfWork unitOfWork() {
        return work -> QuarkusTransaction.requiringNew().run(work);
    }
}
