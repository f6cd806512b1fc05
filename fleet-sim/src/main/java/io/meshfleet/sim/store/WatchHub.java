package io.meshfleet.sim.store;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cluster's watch fan-out and bounded event history. Changes are recorded under the store's lock and queued per
 * subscription at that moment, so each watcher sees exactly the changes after its start, in order; queued deliveries
 * run outside the lock, one thread at a time.
 */
final class WatchHub {

    private static final System.Logger LOG = System.getLogger(WatchHub.class.getName());

    /** One recorded change; previous is the state before a MODIFIED or DELETED. */
    record Change(WatchEvent.Type kind, StoredObject object, StoredObject previous) {
    }

    private final int historyLimit;
    private final ArrayDeque<Change> history;
    private long compactedResourceVersion;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    WatchHub(int historyLimit) {
        this.historyLimit = historyLimit;
        this.history = new ArrayDeque<>(Math.min(historyLimit, 16));
    }

    /** Records a change and queues it for the interested subscriptions. Caller holds the store lock. */
    void record(Change change) {
        if (historyLimit > 0) {
            history.addLast(change);
            while (history.size() > historyLimit) {
                compactedResourceVersion = history.removeFirst().object().resourceVersion();
            }
        } else {
            compactedResourceVersion = change.object().resourceVersion();
        }
        for (Subscription subscription : subscriptions) {
            if (subscription.interested(change.object())) {
                deliveries.add(() -> subscription.deliver(change));
            }
        }
    }

    /**
     * Starts a subscription. With a null or zero resourceVersion it first receives ADDED for every current object;
     * otherwise the recorded changes after that version, or a 410 when they are no longer kept. Caller holds the lock.
     */
    StoreWatch subscribe(ResourceType type, String namespace, Selector selector, long fromResourceVersion,
                         long currentResourceVersion, List<StoredObject> current, WatchListener listener) {
        Subscription subscription = new Subscription(type, namespace, selector, listener);
        if (fromResourceVersion <= 0) {
            for (StoredObject object : current) {
                deliveries.add(() -> subscription.deliver(new Change(WatchEvent.Type.ADDED, object, null)));
            }
            deliveries.add(() -> subscription.initialEventsEnd(currentResourceVersion));
        } else {
            if (fromResourceVersion < compactedResourceVersion) {
                throw StoreException.expired("too old resource version: " + fromResourceVersion + " ("
                        + compactedResourceVersion + ")");
            }
            for (Change change : history) {
                if (change.object().resourceVersion() > fromResourceVersion
                        && subscription.interested(change.object())) {
                    deliveries.add(() -> subscription.deliver(change));
                }
            }
        }
        subscriptions.add(subscription);
        return subscription;
    }

    /** Delivers queued events unless another thread is already doing so. Call without holding the lock. */
    void drain() {
        while (!deliveries.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Runnable delivery;
                while ((delivery = deliveries.poll()) != null) {
                    try {
                        delivery.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a watch listener failed", e);
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }

    /** The number of live subscriptions. */
    int subscriptionCount() {
        return subscriptions.size();
    }

    /** The oldest resourceVersion a watch may still start from. */
    long compactedResourceVersion() {
        return compactedResourceVersion;
    }

    /** One watcher: a type, an optional namespace, a selector. */
    private final class Subscription implements StoreWatch {

        private final ResourceType type;
        private final String namespace;
        private final Selector selector;
        private final WatchListener listener;
        private volatile boolean closed;

        Subscription(ResourceType type, String namespace, Selector selector, WatchListener listener) {
            this.type = type;
            this.namespace = namespace;
            this.selector = selector;
            this.listener = listener;
        }

        boolean interested(StoredObject object) {
            return object.type().key().equals(type.key())
                    && (namespace == null || namespace.equals(object.namespace()));
        }

        void deliver(Change change) {
            if (closed) {
                return;
            }
            WatchEvent.Type kind = change.kind();
            if (selector != Selector.ALL) {
                boolean now = selector.matches(change.object());
                if (kind == WatchEvent.Type.MODIFIED) {
                    boolean before = change.previous() != null && selector.matches(change.previous());
                    if (!now && !before) {
                        return;
                    }
                    kind = now && before ? WatchEvent.Type.MODIFIED
                            : now ? WatchEvent.Type.ADDED : WatchEvent.Type.DELETED;
                } else if (!now) {
                    return;
                }
            }
            listener.onEvent(new WatchEvent(kind, change.object()));
        }

        void initialEventsEnd(long resourceVersion) {
            if (!closed) {
                listener.onInitialEventsEnd(resourceVersion);
            }
        }

        @Override
        public void close() {
            closed = true;
            subscriptions.remove(this);
        }
    }
}
