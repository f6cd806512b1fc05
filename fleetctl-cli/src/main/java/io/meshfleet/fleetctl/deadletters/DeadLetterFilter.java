package io.meshfleet.fleetctl.deadletters;

import io.meshfleet.events.DeadLetter;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which dead letters {@code dead-letters list} shows: an absent criterion matches everything.
 *
 * @param reason only this reason
 * @param service only dead letters from this service
 * @param since only dead letters at or after this instant; a dead letter without a time never matches
 */
public record DeadLetterFilter(Optional<DeadLetter.Reason> reason, Optional<String> service, Optional<Instant> since)
        implements Predicate<DeadLetterRecord> {

    /** A filter that lets every dead letter through. */
    public static final DeadLetterFilter ALL = new DeadLetterFilter(Optional.empty(), Optional.empty(), Optional.empty());

    @Override
    public boolean test(DeadLetterRecord record) {
        return reason.map(r -> record.reason().filter(r.name()::equals).isPresent()).orElse(true)
                && service.map(s -> record.service().filter(s::equals).isPresent()).orElse(true)
                && since.map(s -> record.time().filter(t -> !t.isBefore(s)).isPresent()).orElse(true);
    }
}
