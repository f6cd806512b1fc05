package io.meshfleet.messaging;

import io.meshfleet.events.EnvelopeCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Supplies the one {@link EnvelopeCodec} of a service, bounded by {@code meshfleet.messages.max-bytes}. */
@Singleton
public class Codec {

    @ConfigProperty(name = "meshfleet.messages.max-bytes", defaultValue = "1048576")
    int maxBytes;

    @Produces
    @Singleton
    EnvelopeCodec codec() {
        return new EnvelopeCodec(maxBytes);
    }
}
