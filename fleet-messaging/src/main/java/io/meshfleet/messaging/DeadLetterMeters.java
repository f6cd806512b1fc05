package io.meshfleet.messaging;

import io.meshfleet.events.DeadLetter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Registers {@code meshfleet_messages_dead_letters_total{consumer,reason}} at zero for every consumer of the service
 * (each incoming channel: consumers are named after their channel) and every {@link DeadLetter.Reason} at startup,
 * so that the dashboard's dead-letter panel and queries show 0 rather than "no data" before the first dead letter.
 * {@link DeadLetters} increments the same counters. Registers {@code meshfleet_messages_transient_retries_total{consumer}}
 * ({@link InboundEnvelopes#TRANSIENT_RETRIES}, retries while the database is unavailable) at zero the same way.
 */
@ApplicationScoped
public class DeadLetterMeters {

    /** The counter's name, as {@link DeadLetters} increments it. */
    public static final String NAME = "meshfleet.messages.dead.letters";

    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    void register(@Observes StartupEvent event, MeterRegistry meters, Config config) {
        register(meters, consumers(config.getPropertyNames()));
    }

    /** The incoming channels named by {@code mp.messaging.incoming.<channel>.connector} properties. */
    static Set<String> consumers(Iterable<String> propertyNames) {
        Set<String> channels = new TreeSet<>();
        for (String name : propertyNames) {
            Matcher m = INCOMING.matcher(name);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        }
        return channels;
    }

    /**
     * Registers the counters for every consumer (and every reason) (idempotent: existing counters keep their counts).
     */
    public static void register(MeterRegistry meters, Collection<String> consumers) {
        for (String consumer : consumers) {
            meters.counter(InboundEnvelopes.TRANSIENT_RETRIES, "consumer", consumer);
            for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
                meters.counter(NAME, "consumer", consumer, "reason", reason.name());
            }
        }
    }
}
