package io.meshfleet.messaging;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The defaults a service gets unless it declares its own beans: in-memory deduplication and a
 * plain unit of work. The services with a database replace both with durable, transactional ones.
 */
@Singleton
public class MessagingDefaults {

    @ConfigProperty(name = "meshfleet.messages.dedupe-capacity", defaultValue = "100000")
    int dedupeCapacity;

    @Produces
    @Singleton
    @DefaultBean
    ProcessedMessages processedMessages() {
        return new InMemoryProcessedMessages(dedupeCapacity);
    }

    @Produces
    @Singleton
    @DefaultBean
    UnitOfWork unitOfWork() {
        return Runnable::run;
    }
}
