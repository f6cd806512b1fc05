package io.meshfleet.roller.engine;

import io.meshfleet.events.AbortRoll;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.Message;
import io.meshfleet.events.PauseRoll;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.signing.CommandSigner;
import io.meshfleet.roller.messaging.LatestClusterStates;
import io.meshfleet.roller.pacing.Pacer;
import io.meshfleet.roller.pacing.RateWindow;
import io.meshfleet.roller.roll.RestartedWorkload;
import io.meshfleet.roller.roll.RollAction;
import io.meshfleet.roller.roll.RollFleet;
import io.meshfleet.roller.roll.RollFleet.RollKey;
import io.meshfleet.roller.roll.SidecarRoll;
import io.meshfleet.roller.store.OutboxEntity;
import io.meshfleet.roller.store.RollRequestEntity;
import io.meshfleet.roller.store.RollStore;
import io.meshfleet.roller.store.WorkloadRestartEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Runs the pure {@link RollFleet} against the world: one decision pass at a time (on a tick, a new
 * state report or a new command), each in one transaction that applies the pending requests, records
 * what the pass decided and queues the messages it implies in the outbox; the outbox is sent after the
 * commit. After a crash, {@link #restore} rebuilds every unfinished roll and the pacer's last minute from
 * PostgreSQL and sends what was queued but not sent.
 */
@ApplicationScoped
public class RollEngine {

    static final String SOURCE = "meshfleet/sidecar-roller";
    static final String AGENT_COMMANDS = "agent-commands";
    static final String ROLLER_EVENTS = "roller-events";
    private static final Logger LOG = Logger.getLogger(RollEngine.class);

    private final RollStore store;
    private final LatestClusterStates states;
    private final CommandSigner signer;
    private final EnvelopeCodec codec;
    private final Emitter<Record<String, byte[]>> agentCommands;
    private final Emitter<Record<String, byte[]>> rollerEvents;
    private final RollMetrics metrics;
    private final Clock clock;
    private final SidecarRoll.Settings settings;
    private final int fleetPodsPerMinute;
    private final Duration commandTtl;

    private final Object lock = new Object();
    private final Map<RollKey, String> commandIds = new HashMap<>();
    private RollFleet fleet;
    private volatile boolean started;
    private boolean ready;

    RollEngine(RollStore store, LatestClusterStates states, CommandSigner signer, EnvelopeCodec codec,
            @Channel(AGENT_COMMANDS) Emitter<Record<String, byte[]>> agentCommands,
            @Channel(ROLLER_EVENTS) Emitter<Record<String, byte[]>> rollerEvents,
            RollMetrics metrics, Clock clock,
            @ConfigProperty(name = "meshfleet.roller.max-parallel-namespaces", defaultValue = "4") int maxParallelNamespaces,
            @ConfigProperty(name = "meshfleet.roller.allow-bare-pod-deletion", defaultValue = "false") boolean allowBarePods,
            @ConfigProperty(name = "meshfleet.roller.fleet-pods-per-minute", defaultValue = "1000") int fleetPodsPerMinute,
            @ConfigProperty(name = "meshfleet.roller.command-ttl", defaultValue = "PT5M") Duration commandTtl) {
        this.store = store;
        this.states = states;
        this.signer = signer;
        this.codec = codec;
        this.agentCommands = agentCommands;
        this.rollerEvents = rollerEvents;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = new SidecarRoll.Settings(maxParallelNamespaces, allowBarePods);
        this.fleetPodsPerMinute = fleetPodsPerMinute;
        this.commandTtl = commandTtl;
    }

    void onStart(@Observes StartupEvent start) {
        started = true;
        restore();
    }

    /**
     * Forgets everything held in memory and rebuilds it from PostgreSQL, as a new roller process does:
     * the unfinished rolls with their restarted workloads, the pacer from the restarts of the last
     * minute, and sends the messages queued but not sent.
     */
    public void restore() {
        synchronized (lock) {
            ready = false;
            Instant now = clock.instant();
            RollFleet rebuilt = new RollFleet(new Pacer(fleetPodsPerMinute, commandTtl));
            Map<RollKey, String> ids = new HashMap<>();
            QuarkusTransaction.requiringNew().run(() -> {
                // A restart's tokens come back 60 s after its execution was reported; one never reported holds them
                // until its command expired and 60 s more.
                Instant window = now.minusSeconds(RateWindow.WINDOW_SECONDS);
                for (WorkloadRestartEntity restart : store.restartsSince(window.minus(commandTtl))) {
                    if (restart.executedAt == null) {
                        rebuilt.pacer().spend(restart.clusterId, restart.namespace, restart.kind + '/' + restart.name,
                                restart.pods, restart.issuedAt);
                    } else if (restart.executedAt.isAfter(window)) {
                        rebuilt.pacer().spendExecuted(restart.clusterId, restart.namespace, restart.pods,
                                restart.executedAt);
                    }
                }
                for (RollStore.StoredRoll stored : store.unfinished(settings)) {
                    rebuilt.add(stored.roll());
                    ids.put(new RollKey(stored.roll().planId(), stored.roll().clusterId()), stored.command().exchangeId());
                }
            });
            fleet = rebuilt;
            commandIds.clear();
            commandIds.putAll(ids);
            LOG.infof("restored %d unfinished roll(s)", fleet.rolls().size());
            sendOutbox();
            ready = true;
        }
    }

    /**
     * One decision pass now. Never throws: a pass that fails (the database is away) is rolled back, and
     * the next pass first rebuilds the rolls from the database, because memory may hold decisions that
     * were not recorded.
     */
    public void pass() {
        if (!started) {
            return;
        }
        synchronized (lock) {
            if (!ready) {
                try {
                    restore();
                } catch (RuntimeException e) {
                    LOG.errorf("cannot rebuild the rolls from the database, retrying with the next pass: %s", e.toString());
                    return;
                }
            }
            Instant now = clock.instant();
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    applyRequests(now);
                    for (RollFleet.Outcome outcome : fleet.step(states::of, now)) {
                        record(outcome.roll(), outcome.actions(), now);
                    }
                    // Finished rolls live on in the database only.
                    List.copyOf(fleet.rolls()).stream().filter(r -> r.status().isFinal()).forEach(fleet::remove);
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "decision pass failed and was rolled back; the next pass rebuilds the rolls from the database");
                ready = false;
                return;
            }
            sendOutbox();
            metrics.update(fleet, now);
        }
    }

    /**
     * An agent reports restarts executed: recorded on their rows, and their tokens come back to the pacer 60 s from
     * now (not from the decision), so the limits hold at the cluster however late the command reached the agent.
     * Pods the agent left to a person (bare pods it may not delete) will not be restarted by it either.
     */
    public void executed(RestartExecuted executed) {
        List<WorkloadRef> done = new ArrayList<>(executed.restarted());
        executed.needsManualAction().forEach(pod -> done.add(new WorkloadRef(WorkloadKind.POD, pod)));
        synchronized (lock) {
            Instant now = clock.instant();
            QuarkusTransaction.requiringNew().run(() -> done.forEach(ref -> store.markExecuted(executed.rollId(),
                    executed.clusterId(), executed.namespace(), ref.kind().name(), ref.name(), now)));
            if (ready && fleet != null) {
                done.forEach(ref -> fleet.pacer().executed(executed.clusterId(), executed.namespace(),
                        ref.kind().name() + '/' + ref.name(), now));
            }
        }
    }

    private void applyRequests(Instant now) {
        for (RollRequestEntity request : store.pendingRequests()) {
            Envelope envelope = store.envelope(request.envelope);
            Message data = envelope.data();
            SidecarRoll roll = fleet.roll(request.planId, request.clusterId).orElse(null);
            if (data instanceof RollSidecars command) {
                if (roll == null && store.exists(command.planId(), command.clusterId())) {
                    LOG.infof("roll %s on %s has finished; RollSidecars again changes nothing", command.planId(),
                            command.clusterId());
                } else if (roll == null) {
                    roll = new SidecarRoll(command, settings);
                    store.create(envelope, command, now);
                    fleet.add(roll);
                    commandIds.put(new RollKey(command.planId(), command.clusterId()), envelope.exchangeId());
                    LOG.infof("roll %s on %s started: proxy %s", command.planId(), command.clusterId(),
                            command.targetProxyVersion());
                } else {
                    record(roll, roll.resume(now), now);
                }
            } else if (data instanceof PauseRoll && roll != null) {
                record(roll, roll.pause(now), now);
            } else if (data instanceof AbortRoll abort && roll != null) {
                LOG.infof("roll %s on %s aborted: %s", abort.planId(), abort.clusterId(), abort.reason());
                record(roll, roll.abort(now), now);
            } else {
                LOG.warnf("%s for unknown roll %s on %s ignored", envelope.type(), request.planId, request.clusterId);
            }
            request.appliedAt = now;
        }
    }

    private void record(SidecarRoll roll, List<RollAction> actions, Instant now) {
        if (actions.isEmpty()) {
            return;
        }
        store.record(roll, actions, now);
        String correlation = commandIds.get(new RollKey(roll.planId(), roll.clusterId()));
        for (RollAction action : actions) {
            Message event = null;
            if (action instanceof RollAction.RestartIssued issued) {
                RestartWorkloads restart = new RestartWorkloads(roll.clusterId(), roll.planId(), issued.namespace(),
                        issued.workloads().stream().map(RestartedWorkload::ref).toList(), settings.allowBarePodDeletion());
                Envelope signed = signer.sign(Envelope.of(SOURCE, restart, clock).withPlan(roll.planId())
                        .withCorrelation(correlation), commandTtl);
                store.enqueue(AGENT_COMMANDS, signed.key(), codec.encode(signed), now);
                metrics.restarted(roll.clusterId(), issued.pods());
            } else if (action instanceof RollAction.ProgressReported progress) {
                event = progress.progress();
            } else if (action instanceof RollAction.NamespaceSucceeded converged) {
                event = converged.event();
                metrics.converged(roll.clusterId(), converged.event().pods());
                LOG.infof("roll %s on %s: namespace %s converged (%d pods)", roll.planId(), roll.clusterId(),
                        converged.event().namespace(), converged.event().pods());
            } else if (action instanceof RollAction.Failed failed) {
                event = failed.event();
                LOG.warnf("roll %s on %s failed in namespace %s: %s, %d pod(s) did not converge", roll.planId(),
                        roll.clusterId(), failed.event().namespace(), failed.event().reason(), failed.event().pods().size());
            } else if (action instanceof RollAction.WorkloadBlocked blocked) {
                LOG.warnf("roll %s on %s: %s/%s %s waits: %s", roll.planId(), roll.clusterId(), blocked.namespace(),
                        blocked.workload().kind().kubernetesKind(), blocked.workload().name(), blocked.reason());
            } else if (action instanceof RollAction.StatusChanged changed) {
                LOG.infof("roll %s on %s is %s", roll.planId(), roll.clusterId(), changed.status());
            }
            if (event != null) {
                Envelope envelope = Envelope.of(SOURCE, event, clock).withPlan(roll.planId()).withCorrelation(correlation);
                store.enqueue(ROLLER_EVENTS, envelope.key(), codec.encode(envelope), now);
            }
        }
    }

    private void sendOutbox() {
        List<OutboxEntity> unsent;
        try {
            unsent = QuarkusTransaction.requiringNew().call(store::unsent);
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the outbox, the next pass sends it: %s", e.toString());
            return;
        }
        List<Long> sent = new ArrayList<>();
        try {
            for (OutboxEntity message : unsent) {
                Emitter<Record<String, byte[]>> channel = AGENT_COMMANDS.equals(message.channel) ? agentCommands : rollerEvents;
                channel.send(Record.of(message.messageKey, message.payload)).toCompletableFuture().join();
                sent.add(message.id);
            }
        } catch (RuntimeException e) {
            LOG.warnf("sending the outbox failed after %d of %d messages; the rest goes with the next pass: %s",
                    sent.size(), unsent.size(), e.toString());
        }
        if (!sent.isEmpty()) {
            Instant now = clock.instant();
            try {
                QuarkusTransaction.requiringNew().run(() -> sent.forEach(id -> store.sent(id, now)));
            } catch (RuntimeException e) {
                // Sent but not marked: sent again later, which consumers and agents (nonce) take as a repeat.
                LOG.warnf("cannot mark %d sent outbox message(s): %s", sent.size(), e.toString());
            }
        }
    }

    /** Deletes outbox messages sent more than a day ago: once acknowledged by the broker they are history. */
    public void pruneOutbox() {
        Instant before = clock.instant().minus(Duration.ofDays(1));
        long pruned = QuarkusTransaction.requiringNew().call(() -> store.pruneSent(before));
        if (pruned > 0) {
            LOG.infof("pruned %d sent outbox message(s)", pruned);
        }
    }

    /** A view of every unfinished roll, taken between passes (rolls change only inside a pass). */
    public <T> List<T> rolls(Function<SidecarRoll, T> view) {
        synchronized (lock) {
            return fleet == null ? List.of() : fleet.rolls().stream().map(view).toList();
        }
    }
}
