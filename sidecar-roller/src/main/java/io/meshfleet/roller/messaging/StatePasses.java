package io.meshfleet.roller.messaging;

import io.meshfleet.messaging.PassCoalescer;
import io.meshfleet.roller.engine.RollEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The decision passes that agents' state reports call for. A pass steps every unfinished roll of the fleet, so one
 * pass per report cost O(rolls) per report: with 100 clusters rolling at once (about 50 reports a second) the
 * roller spent most of its CPU repeating passes that found nothing new. Reports arriving within
 * {@code meshfleet.roller.state-pass-delay} of each other now share one pass ({@link PassCoalescer}), run on a
 * thread of its own; {@link RollEngine#pass()} holds its lock, so a pass never overlaps the {@link RollTicker}'s.
 */
@ApplicationScoped
public class StatePasses {

    private static final String FLEET = "fleet";

    private final PassCoalescer coalescer;
    private final Counter requests;
    private final Counter passes;

    StatePasses(RollEngine engine, MeterRegistry meters,
                @ConfigProperty(name = "meshfleet.roller.state-pass-delay", defaultValue = "PT0.2S") Duration delay) {
        this.requests = Counter.builder("meshfleet.roller.state.pass.requests")
                .description("Decision passes asked for by newer state reports").register(meters);
        this.passes = Counter.builder("meshfleet.roller.state.passes")
                .description("Decision passes run for state reports, after folding the requests together")
                .register(meters);
        this.coalescer = PassCoalescer.onOwnThread("roller-state-passes", delay, subject -> {
            passes.increment();
            engine.pass(); // never throws: a failed pass is rolled back and logged there
        });
    }

    /** A newer state report arrived: a pass soon, shared with the other reports of the next moments. */
    public void reported() {
        requests.increment();
        coalescer.request(FLEET);
    }

    @PreDestroy
    void stop() {
        coalescer.close();
    }
}
