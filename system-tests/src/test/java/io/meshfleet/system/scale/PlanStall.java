package io.meshfleet.system.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells a slow plan from a stalled one: fed the plan's clusters-by-step counts at each poll, it reports every change
 * and throws once the counts have not changed for the limit. A run on a loaded machine may take long; a run whose
 * clusters stop moving fails with where they stand instead of waiting out the outer bound.
 */
final class PlanStall {

    private final Duration limit;
    private Map<String, Integer> last;
    private Instant since;

    PlanStall(Duration limit) {
        this.limit = Objects.requireNonNull(limit);
    }

    /**
     * Records the counts seen at {@code now}.
     *
     * @return the counts when they changed since the last call, empty otherwise
     * @throws AssertionError when they have not changed for longer than the limit
     */
    Optional<Map<String, Integer>> observe(Map<String, Integer> steps, Instant now) {
        if (!steps.equals(last)) {
            last = Map.copyOf(steps);
            since = now;
            return Optional.of(steps);
        }
        Duration still = Duration.between(since, now);
        if (still.compareTo(limit) > 0) {
            throw new AssertionError("the plan made no progress for " + still.toSeconds() + " s (limit "
                    + limit.toSeconds() + " s); clusters by step: " + steps);
        }
        return Optional.empty();
    }
}
