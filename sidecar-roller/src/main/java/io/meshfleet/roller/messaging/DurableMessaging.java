package io.meshfleet.roller.messaging;

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
 * The roller keeps processed command ids in PostgreSQL, in the transaction that records the command as a
 * request: a redelivered RollSidecars after a crash cannot resume a roll that was paused since.
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
