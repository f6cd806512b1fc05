package io.meshfleet.orchestrator.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshfleet.orchestrator.audit.AuditEntry;
import io.meshfleet.orchestrator.audit.AuditTrail;
import io.meshfleet.orchestrator.inventory.Inventory;
import io.meshfleet.orchestrator.outbox.Outbox;
import io.meshfleet.orchestrator.plan.Action;
import io.meshfleet.orchestrator.plan.ArtifactStatus;
import io.meshfleet.orchestrator.plan.AuditType;
import io.meshfleet.orchestrator.plan.Decider;
import io.meshfleet.orchestrator.plan.Decision;
import io.meshfleet.orchestrator.plan.Inputs;
import io.meshfleet.orchestrator.plan.Observation;
import io.meshfleet.orchestrator.plan.Rollout;
import io.meshfleet.orchestrator.plan.Rollout.ClusterRun;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs decision passes: locks the plan row, reads the rollout, the inventory facts and the release
 * states, asks the {@link Decider}, and applies its actions (outbox rows, audit entries, the new
 * rollout) in the caller's transaction, so a state change and the commands it causes commit together
 * or not at all. Every trigger goes through here: operator requests, agent and roller answers, state
 * reports, release events and the ticker (deadlines, soak).
 */
@ApplicationScoped
public class PlanRunner {

    private final Decider decider = new Decider();
    private final ObjectMapper json;
    private final Inventory inventory;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final MeterRegistry meters;

    PlanRunner(ObjectMapper json, Inventory inventory, Outbox outbox, AuditTrail audit, Clock clock,
               MeterRegistry meters) {
        this.json = json;
        this.inventory = inventory;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
    }

    /** One decision pass of plan {@code planId} over {@code observations}; empty when there is no such plan. */
    @Transactional
    public Optional<Decision> pass(String planId, List<Observation> observations) {
        EntityManager em = PlanEntity.getEntityManager();
        PlanEntity row = em.find(PlanEntity.class, planId);
        if (row == null) {
            return Optional.empty();
        }
        // Read the row again under the lock: find() does not re-read a plan this transaction already loaded (routing
        // an answer loads it), and a pass on such a stale copy would repeat transitions another pass committed
        // meanwhile and write an old rollout over them.
        em.refresh(row, LockModeType.PESSIMISTIC_WRITE);
        Rollout before = read(row);
        // Facts only of the clusters in flight: the decider reads no others, and they are at most the waves'
        // concurrency, where the plan may hold thousands (a pass over all of them made large plans crawl).
        Inputs inputs = new Inputs(observations, inventory.facts(inFlight(before)), artifacts(before));
        Instant now = clock.instant();
        Decision decision = decider.decide(before, inputs, now);
        if (!decision.actions().isEmpty()) {
            apply(row, before, decision, now);
        }
        return Optional.of(decision);
    }

    /** The rollout stored in {@code row}. */
    public Rollout read(PlanEntity row) {
        try {
            return json.readValue(row.rollout, Rollout.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan " + row.planId + " holds an unreadable rollout: " + e.getMessage(), e);
        }
    }

    /** Stores a new plan's draft rollout with its cluster rows and the creation entry; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void create(PlanEntity row, Rollout draft, String actor, String reason) {
        row.rollout = write(draft);
        row.state = draft.state().name();
        row.persist();
        for (ClusterRun run : draft.clusters().values()) {
            PlanClusterEntity pc = new PlanClusterEntity();
            pc.planId = row.planId;
            pc.clusterId = run.clusterId();
            pc.wave = run.wave();
            pc.step = run.step().name();
            pc.persist();
        }
        audit.append(new AuditEntry(0, row.createdAt, actor, row.planId, null, null, null,
                AuditType.PLAN_CREATED.name(), null, draft.state().name(), reason, null, null, null));
    }

    private void apply(PlanEntity row, Rollout before, Decision decision, Instant now) {
        Rollout next = decision.next();
        Map<String, Instant> stepSince = new HashMap<>();
        before.clusters().values().forEach(c -> {
            if (c.stepSince() != null) {
                stepSince.put(c.clusterId(), c.stepSince());
            }
        });
        for (Action action : decision.actions()) {
            if (action instanceof Action.Send send) {
                outbox.write(send.command(), row.planId, send.correlationId());
            } else if (action instanceof Action.Audit a) {
                ClusterRun run = a.clusterId() == null ? null : next.clusters().get(a.clusterId());
                audit.append(new AuditEntry(0, now, a.actor(), row.planId, a.wave(), a.clusterId(), null,
                        a.type().name(), a.from(), a.to(), a.reason(), run == null ? null : run.correlationId(),
                        null, null));
                if (a.type() == AuditType.CLUSTER_STEP && stepSince.containsKey(a.clusterId())) {
                    meters.timer("meshfleet.orchestrator.step.duration", "step", a.from())
                            .record(Duration.between(stepSince.get(a.clusterId()), now));
                    stepSince.put(a.clusterId(), now);
                }
            }
        }
        row.rollout = write(next);
        row.state = next.state().name();
        row.updatedAt = now;
        Set<String> changed = new HashSet<>();
        for (ClusterRun run : next.clusters().values()) {
            ClusterRun old = before.clusters().get(run.clusterId());
            if (old == null || old.step() != run.step() || old.attempt() != run.attempt()) {
                changed.add(run.clusterId());
            }
        }
        for (String clusterId : changed) {
            ClusterRun run = next.clusters().get(clusterId);
            PlanClusterEntity pc = PlanClusterEntity.findById(new PlanClusterEntity.Key(row.planId, clusterId));
            pc.step = run.step().name();
            pc.stepSince = run.stepSince();
        }
    }

    private static List<String> inFlight(Rollout rollout) {
        return rollout.clusters().values().stream().filter(run -> run.step().inFlight()).map(ClusterRun::clusterId)
                .toList();
    }

    private Map<String, ArtifactStatus> artifacts(Rollout rollout) {
        Set<String> versions = new HashSet<>();
        versions.add(rollout.spec().targetVersion());
        rollout.clusters().values().forEach(c -> {
            if (c.previousVersion() != null) {
                versions.add(c.previousVersion());
            }
        });
        Map<String, ArtifactStatus> states = new HashMap<>();
        for (ArtifactReleaseEntity a : ArtifactReleaseEntity.<ArtifactReleaseEntity>list(
                "platform = ?1 and version in ?2", rollout.spec().platform(), List.copyOf(versions))) {
            states.put(a.version, new ArtifactStatus(ArtifactStatus.State.valueOf(a.state), a.sha256, a.detail));
        }
        return states;
    }

    private String write(Rollout rollout) {
        try {
            return json.writeValueAsString(rollout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the rollout of " + rollout.planId(), e);
        }
    }
}
