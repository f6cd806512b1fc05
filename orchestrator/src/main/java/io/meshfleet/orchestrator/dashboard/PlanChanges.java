package io.meshfleet.orchestrator.dashboard;

import io.meshfleet.orchestrator.rollout.PlanEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells open plan pages that their plan changed. Plans change in decision passes of whichever orchestrator
 * instance runs them, so this reads the plan rows (state and {@code updated_at}) on a short period instead of
 * hooking into the passes; sidecar progress marks its plan directly ({@link #touch}). Several changes within one
 * period make one notification.
 */
@ApplicationScoped
public class PlanChanges {

    /** Rows updated this long before the last poll are read again: a pass may commit after its updated_at. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final BroadcastProcessor<String> changed = BroadcastProcessor.create();
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final Map<String, String> seen = new HashMap<>();
    private final Clock clock;
    private Instant lastPoll;

    PlanChanges(Clock clock) {
        this.clock = clock;
    }

    /** The ids of plans that changed, as they change. */
    public Multi<String> stream() {
        return changed;
    }

    /** Marks {@code planId} changed; open pages hear of it with the next poll. */
    public void touch(String planId) {
        touched.add(planId);
    }

    @Scheduled(every = "${meshfleet.dashboard.refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void poll() {
        Instant now = clock.instant();
        Instant since = lastPoll == null ? Instant.EPOCH : lastPoll.minus(SLACK);
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> PlanEntity.getEntityManager()
                .createQuery("select p.planId, p.state, p.updatedAt from PlanEntity p where p.updatedAt >= ?1 "
                        + "or p.updatedAt is null", Object[].class)
                .setParameter(1, since).getResultList());
        lastPoll = now;
        for (Object[] row : rows) {
            String planId = (String) row[0];
            String version = row[1] + "@" + row[2];
            if (!Objects.equals(seen.put(planId, version), version)) {
                touched.add(planId);
            }
        }
        for (String planId : List.copyOf(touched)) {
            touched.remove(planId);
            changed.onNext(planId);
        }
    }
}
