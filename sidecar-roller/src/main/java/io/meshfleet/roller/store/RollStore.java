package io.meshfleet.roller.store;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.NamespaceConverged;
import io.meshfleet.events.RollFailed;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.roller.roll.NamespacePhase;
import io.meshfleet.roller.roll.RestartedWorkload;
import io.meshfleet.roller.roll.RollAction;
import io.meshfleet.roller.roll.RollStatus;
import io.meshfleet.roller.roll.SidecarRoll;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roller's PostgreSQL state (schema by Flyway, {@code db/migration}): requests, rolls with their
 * namespaces and restarted workloads, and the outbox. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class RollStore {

    /** A roll rebuilt from its rows, with the envelope of the command that started it. */
    public record StoredRoll(Envelope command, SidecarRoll roll) {
    }

    private final EnvelopeCodec codec;

    RollStore(EnvelopeCodec codec) {
        this.codec = codec;
    }

    /** Records a received roller command for the next pass. */
    public void request(String kind, String planId, String clusterId, Envelope envelope, Instant now) {
        RollRequestEntity request = new RollRequestEntity();
        request.kind = kind;
        request.planId = planId;
        request.clusterId = clusterId;
        request.envelope = codec.encode(envelope);
        request.receivedAt = now;
        request.persist();
    }

    /** The requests not applied yet, oldest first. */
    public List<RollRequestEntity> pendingRequests() {
        return RollRequestEntity.list("appliedAt is null order by id");
    }

    /** Decodes a stored envelope. */
    public Envelope envelope(byte[] bytes) {
        return codec.decode(bytes);
    }

    /** Whether a roll of the plan on the cluster was ever started. */
    public boolean exists(String planId, String clusterId) {
        return RollEntity.count("planId = ?1 and clusterId = ?2", planId, clusterId) > 0;
    }

    /** Creates the row of a new roll. */
    public void create(Envelope command, RollSidecars roll, Instant now) {
        RollEntity entity = new RollEntity();
        entity.planId = roll.planId();
        entity.clusterId = roll.clusterId();
        entity.envelope = codec.encode(command);
        entity.status = RollStatus.RUNNING.name();
        entity.createdAt = now;
        entity.updatedAt = now;
        entity.persist();
    }

    /** Writes what a pass decided for {@code roll}. */
    public void record(SidecarRoll roll, List<RollAction> actions, Instant now) {
        RollEntity entity = RollEntity.find("planId = ?1 and clusterId = ?2", roll.planId(), roll.clusterId())
                .<RollEntity>firstResultOptional().orElseThrow(() -> new IllegalStateException(
                        "roll " + roll.planId() + "/" + roll.clusterId() + " has no row"));
        for (RollAction action : actions) {
            if (action instanceof RollAction.NamespacesPlanned planned) {
                int position = 0;
                for (String name : planned.namespaces()) {
                    RollNamespaceEntity ns = new RollNamespaceEntity();
                    ns.rollId = entity.id;
                    ns.position = position++;
                    ns.namespace = name;
                    ns.phase = NamespacePhase.WAITING.name();
                    ns.persist();
                }
            } else if (action instanceof RollAction.NamespaceStarted started) {
                RollNamespaceEntity ns = namespace(entity, started.namespace());
                ns.phase = NamespacePhase.ROLLING.name();
                ns.startedAt = started.at();
                ns.deadline = started.deadline();
            } else if (action instanceof RollAction.DeadlineMoved moved) {
                namespace(entity, moved.namespace()).deadline = moved.deadline();
            } else if (action instanceof RollAction.RestartIssued issued) {
                for (RestartedWorkload workload : issued.workloads()) {
                    WorkloadRestartEntity restart = new WorkloadRestartEntity();
                    restart.rollId = entity.id;
                    restart.clusterId = roll.clusterId();
                    restart.namespace = issued.namespace();
                    restart.kind = workload.ref().kind().name();
                    restart.name = workload.ref().name();
                    restart.pods = workload.pods();
                    restart.issuedAt = issued.at();
                    restart.persist();
                }
            } else if (action instanceof RollAction.NamespaceSucceeded converged) {
                namespace(entity, converged.event().namespace()).phase = NamespacePhase.CONVERGED.name();
            } else if (action instanceof RollAction.Failed failed && failed.event().namespace() != null) {
                namespace(entity, failed.event().namespace()).phase = NamespacePhase.FAILED.name();
            } else if (action instanceof RollAction.NamespaceSkipped skipped) {
                namespace(entity, skipped.namespace()).phase = NamespacePhase.SKIPPED.name();
            }
        }
        entity.status = roll.status().name();
        entity.pausedAt = roll.pausedAt();
        entity.updatedAt = now;
    }

    /** Every roll that is not finished, rebuilt from its rows. */
    public List<StoredRoll> unfinished(SidecarRoll.Settings settings) {
        List<StoredRoll> rolls = new ArrayList<>();
        List<RollEntity> entities = RollEntity.list("status in ?1 order by id",
                List.of(RollStatus.RUNNING.name(), RollStatus.PAUSED.name()));
        for (RollEntity entity : entities) {
            Envelope command = codec.decode(entity.envelope);
            SidecarRoll roll = new SidecarRoll((RollSidecars) command.data(), settings);
            List<RollNamespaceEntity> namespaces = RollNamespaceEntity.list("rollId = ?1 order by position", entity.id);
            if (!namespaces.isEmpty()) {
                roll.apply(new RollAction.NamespacesPlanned(namespaces.stream().map(ns -> ns.namespace).toList()));
            }
            Map<String, List<RestartedWorkload>> restarts = new LinkedHashMap<>();
            Map<String, Instant> lastIssue = new LinkedHashMap<>();
            for (WorkloadRestartEntity restart : WorkloadRestartEntity.<WorkloadRestartEntity>list(
                    "rollId = ?1 order by id", entity.id)) {
                restarts.computeIfAbsent(restart.namespace, k -> new ArrayList<>()).add(new RestartedWorkload(
                        new WorkloadRef(WorkloadKind.valueOf(restart.kind), restart.name), restart.pods));
                lastIssue.put(restart.namespace, restart.issuedAt);
            }
            for (RollNamespaceEntity ns : namespaces) {
                NamespacePhase phase = NamespacePhase.valueOf(ns.phase);
                if (ns.startedAt != null) {
                    roll.apply(new RollAction.NamespaceStarted(ns.namespace, ns.startedAt, ns.deadline));
                }
                if (restarts.containsKey(ns.namespace)) {
                    roll.apply(new RollAction.RestartIssued(ns.namespace, restarts.get(ns.namespace),
                            lastIssue.get(ns.namespace)));
                }
                switch (phase) {
                    case CONVERGED -> roll.apply(new RollAction.NamespaceSucceeded(
                            new NamespaceConverged(roll.planId(), roll.clusterId(), ns.namespace, 0)));
                    case FAILED -> roll.apply(new RollAction.Failed(
                            new RollFailed(roll.planId(), roll.clusterId(), ns.namespace, "RESTORED", List.of())));
                    case SKIPPED -> roll.apply(new RollAction.NamespaceSkipped(ns.namespace));
                    case WAITING, ROLLING -> {
                    }
                }
            }
            RollStatus status = RollStatus.valueOf(entity.status);
            if (status == RollStatus.PAUSED) {
                roll.apply(new RollAction.StatusChanged(RollStatus.PAUSED, entity.pausedAt));
            }
            rolls.add(new StoredRoll(command, roll));
        }
        return rolls;
    }

    /** Restarts issued after {@code since}, oldest first: what still counts in the pacer's windows. */
    public List<WorkloadRestartEntity> restartsSince(Instant since) {
        return WorkloadRestartEntity.list("issuedAt > ?1 order by issuedAt, id", since);
    }

    /**
     * Records that the agent reported the restart of {@code kind/name} in {@code namespace} for the roll of
     * {@code planId} on {@code clusterId} executed (the first report counts). Returns whether a row was marked.
     */
    public boolean markExecuted(String planId, String clusterId, String namespace, String kind, String name,
                                Instant at) {
        return WorkloadRestartEntity.update("executedAt = ?1 where executedAt is null and clusterId = ?2"
                        + " and namespace = ?3 and kind = ?4 and name = ?5"
                        + " and rollId in (select r.id from RollEntity r where r.planId = ?6 and r.clusterId = ?2)",
                at, clusterId, namespace, kind, name, planId) > 0;
    }

    /** Queues an encoded envelope for {@code channel}. */
    public void enqueue(String channel, String key, byte[] payload, Instant now) {
        OutboxEntity message = new OutboxEntity();
        message.channel = channel;
        message.messageKey = key;
        message.payload = payload;
        message.createdAt = now;
        message.persist();
    }

    /** Messages not sent yet, oldest first. */
    public List<OutboxEntity> unsent() {
        return OutboxEntity.list("sentAt is null order by id");
    }

    /** Marks a message sent. */
    public void sent(long id, Instant now) {
        OutboxEntity.update("sentAt = ?1 where id = ?2", now, id);
    }

    /** Deletes outbox messages sent before {@code before}; returns how many. */
    public long pruneSent(Instant before) {
        return OutboxEntity.delete("sentAt < ?1", before);
    }

    private static RollNamespaceEntity namespace(RollEntity roll, String namespace) {
        return RollNamespaceEntity.<RollNamespaceEntity>find("rollId = ?1 and namespace = ?2", roll.id, namespace)
                .firstResultOptional().orElseThrow(() -> new IllegalStateException(
                        "namespace " + namespace + " of roll " + roll.planId + "/" + roll.clusterId + " has no row"));
    }
}
