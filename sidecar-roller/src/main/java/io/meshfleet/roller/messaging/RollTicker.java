package io.meshfleet.roller.messaging;

import io.meshfleet.roller.engine.RollEngine;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a decision pass every {@code meshfleet.roller.tick} so that budgets coming back and deadlines act
 * without a message, and prunes the sent outbox hourly.
 */
@ApplicationScoped
public class RollTicker {

    private final RollEngine engine;

    RollTicker(RollEngine engine) {
        this.engine = engine;
    }

    @Scheduled(every = "${meshfleet.roller.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        engine.pass();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        engine.pruneOutbox();
    }
}
