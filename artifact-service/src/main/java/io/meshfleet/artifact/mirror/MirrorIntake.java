package io.meshfleet.artifact.mirror;

import io.meshfleet.events.MirrorRelease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/** Accepts mirror requests from Kafka and REST alike: checks them, then queues them once. */
@ApplicationScoped
public class MirrorIntake {

    /** What became of a request. */
    public sealed interface Outcome {
        /** Queued now. */
        record Queued() implements Outcome {
        }

        /** Already queued under the same request id: nothing changed. */
        record Duplicate() implements Outcome {
        }

        /** Refused; each problem says what is allowed. */
        record Invalid(List<String> problems) implements Outcome {
        }
    }

    private final MirrorQueue queue;
    private final Clock clock;

    MirrorIntake(MirrorQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Checks and queues one request. */
    public Outcome submit(String requestId, MirrorRelease request, String requestedBy, String correlationId) {
        List<String> problems = MirrorRequestCheck.problems(request);
        if (!problems.isEmpty()) {
            return new Outcome.Invalid(problems);
        }
        return queue.enqueue(requestId, request, requestedBy, correlationId, clock.instant())
                ? new Outcome.Queued()
                : new Outcome.Duplicate();
    }
}
