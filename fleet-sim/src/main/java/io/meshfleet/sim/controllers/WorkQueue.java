package io.meshfleet.sim.controllers;

import io.meshfleet.sim.store.StoreException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Consumer;

/**
 * One cluster's work queue: deduplicated keys, handled one at a time (so a cluster's controllers never race each
 * other) on the fleet's shared pool. A drain handles a bounded batch and then yields, so a busy cluster cannot starve
 * the others.
 */
final class WorkQueue {

    private static final System.Logger LOG = System.getLogger(WorkQueue.class.getName());
    private static final int BATCH = 64;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String cluster;
    private final Scheduler scheduler;
    private final ActivityTracker activity;
    private final Consumer<ReconcileKey> handler;
    private final LinkedHashSet<ReconcileKey> pending = new LinkedHashSet<>();
    private boolean running;
    private boolean closed;

    WorkQueue(String cluster, Scheduler scheduler, ActivityTracker activity, Consumer<ReconcileKey> handler) {
        this.cluster = cluster;
        this.scheduler = scheduler;
        this.activity = activity;
        this.handler = handler;
    }

    /** Queues a key unless it is already waiting. */
    void add(ReconcileKey key) {
        synchronized (this) {
            if (closed || !pending.add(key)) {
                return;
            }
            activity.begin();
            if (running) {
                return;
            }
            running = true;
        }
        scheduler.execute(this::drain);
    }

    /** Queues a key after a simulated delay. */
    Scheduler.Timer addAfter(Duration simulatedDelay, ReconcileKey key) {
        return scheduler.schedule(simulatedDelay, () -> add(key));
    }

    /** Drops everything queued; later adds are ignored. */
    void close() {
        synchronized (this) {
            closed = true;
            for (int i = pending.size(); i > 0; i--) {
                activity.end();
            }
            pending.clear();
        }
    }

    private void drain() {
        for (int handled = 0; handled < BATCH; handled++) {
            ReconcileKey key;
            synchronized (this) {
                Iterator<ReconcileKey> first = pending.iterator();
                if (closed || !first.hasNext()) {
                    running = false;
                    return;
                }
                key = first.next();
                first.remove();
            }
            try {
                handler.accept(key);
            } catch (StoreException e) {
                // Level-triggered: looking again later is always safe, and usually the conflict is gone by then.
                LOG.log(Level.DEBUG, () -> cluster + ": reconcile of " + key + " failed, retrying: " + e.getMessage());
                addAfter(RETRY, key);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, cluster + ": reconcile of " + key + " failed, retrying", e);
                addAfter(RETRY.multipliedBy(10), key);
            } finally {
                activity.end();
            }
        }
        scheduler.execute(this::drain);
    }
}
