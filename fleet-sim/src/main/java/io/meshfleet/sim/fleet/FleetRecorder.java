package io.meshfleet.sim.fleet;

import static io.meshfleet.sim.store.BuiltInResources.PODS;

import io.meshfleet.sim.controllers.ControllerEvents;
import io.meshfleet.sim.controllers.PodView;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Selector;
import io.meshfleet.sim.store.StoreWatch;
import io.meshfleet.sim.store.StoredObject;
import io.meshfleet.sim.store.WatchEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What happened to a running fleet, in memory, for system tests to assert on: every pod created, deleted (the deletion
 * request: a restart) and gone, per cluster, namespace and workload, with its proxy version; and every control-plane
 * install requested and finished. Seeding is not recorded: the record starts once the fleet is up.
 */
public final class FleetRecorder implements ControllerEvents {

    /**
     * One pod event.
     *
     * @param at           when the simulation saw it (the fleet's clock)
     * @param cluster      the cluster
     * @param namespace    the pod's namespace
     * @param workload     its workload (Deployment, StatefulSet, DaemonSet, Job name, or the pod's own name)
     * @param pod          the pod's name
     * @param type         what happened
     * @param proxyVersion the tag of its istio-proxy image, or "" without a sidecar
     */
    public record PodEvent(Instant at, String cluster, String namespace, String workload, String pod, PodEventType type,
                           String proxyVersion) {
    }

    /** What happened to a pod. */
    public enum PodEventType {
        /** The pod was created. */
        CREATED,
        /** Its deletion was requested (it is Terminating, or gone at once): one restart of its workload. */
        DELETED,
        /** It is gone from the API. */
        GONE
    }

    /**
     * One install event.
     *
     * @param at         when
     * @param cluster    the cluster
     * @param operator   the IstioOperator ({@code meshfleet-install} for istioctl)
     * @param requestKey istioctl's request id, or {@code generation-<n>} on the operator path
     * @param version    the version being installed
     * @param phase      STARTED, HEALTHY or ERROR
     * @param message    why, for ERROR
     */
    public record InstallEvent(Instant at, String cluster, String operator, String requestKey, String version,
                               String phase, String message) {
    }

    private final Clock clock;
    private final List<PodEvent> pods = new ArrayList<>();
    private final List<InstallEvent> installs = new ArrayList<>();
    private final List<StoreWatch> watches = new ArrayList<>();

    /** A recorder stamping events with the given clock. */
    public FleetRecorder(Clock clock) {
        this.clock = clock;
    }

    /** Starts recording a cluster's pods from its current state on. */
    public void attach(ClusterStore store) {
        String cluster = store.clusterName();
        Set<String> terminating = ConcurrentHashMap.newKeySet();
        StoreWatch watch = store.watch(PODS, null, Selector.ALL, Long.toString(store.resourceVersion()),
                event -> record(cluster, terminating, event));
        synchronized (watches) {
            watches.add(watch);
        }
    }

    /** Parses a pod only when something is recorded: most changes are status updates of running pods. */
    private void record(String cluster, Set<String> terminating, WatchEvent event) {
        StoredObject object = event.object();
        Instant now = clock.instant();
        switch (event.type()) {
            case ADDED -> add(event(now, cluster, object, PodEventType.CREATED));
            case MODIFIED -> {
                if (object.terminating() && terminating.add(object.uid())) {
                    add(event(now, cluster, object, PodEventType.DELETED));
                }
            }
            case DELETED -> {
                PodEvent gone = event(now, cluster, object, PodEventType.GONE);
                if (!terminating.remove(object.uid())) {
                    add(new PodEvent(now, cluster, gone.namespace(), gone.workload(), gone.pod(),
                            PodEventType.DELETED, gone.proxyVersion()));
                }
                add(gone);
            }
            default -> throw new IllegalStateException(event.type().name());
        }
    }

    private static PodEvent event(Instant at, String cluster, StoredObject object, PodEventType type) {
        PodView pod = PodView.of(object.node());
        return new PodEvent(at, cluster, pod.namespace(), pod.workload(), pod.name(), type, pod.proxyVersion());
    }

    private void add(PodEvent event) {
        synchronized (pods) {
            pods.add(event);
        }
    }

    @Override
    public void installStarted(String cluster, String operator, String requestKey, String version, Instant at) {
        synchronized (installs) {
            installs.add(new InstallEvent(at, cluster, operator, requestKey, version, "STARTED", ""));
        }
    }

    @Override
    public void installFinished(String cluster, String operator, String requestKey, String version, String status,
                                String message, Instant at) {
        synchronized (installs) {
            installs.add(new InstallEvent(at, cluster, operator, requestKey, version, status, message));
        }
    }

    /** Every pod event so far, oldest first. */
    public List<PodEvent> podEvents() {
        synchronized (pods) {
            return List.copyOf(pods);
        }
    }

    /** The pod events matching a filter, oldest first. */
    public List<PodEvent> podEvents(Predicate<PodEvent> filter) {
        return podEvents().stream().filter(filter).toList();
    }

    /** Pods deleted (restarted) in a cluster. */
    public long restarts(String cluster) {
        return count(e -> e.cluster().equals(cluster) && e.type() == PodEventType.DELETED);
    }

    /** Pods of one workload deleted (restarted). */
    public long restarts(String cluster, String namespace, String workload) {
        return count(e -> e.cluster().equals(cluster) && e.namespace().equals(namespace)
                && e.workload().equals(workload) && e.type() == PodEventType.DELETED);
    }

    /** Pods of one workload created. */
    public long created(String cluster, String namespace, String workload) {
        return count(e -> e.cluster().equals(cluster) && e.namespace().equals(namespace)
                && e.workload().equals(workload) && e.type() == PodEventType.CREATED);
    }

    private long count(Predicate<PodEvent> filter) {
        synchronized (pods) {
            return pods.stream().filter(filter).count();
        }
    }

    /** Every install event so far, oldest first. */
    public List<InstallEvent> installEvents() {
        synchronized (installs) {
            return List.copyOf(installs);
        }
    }

    /** Installs requested in a cluster (STARTED events): the number of control-plane installs it received. */
    public long installs(String cluster) {
        synchronized (installs) {
            return installs.stream().filter(e -> e.cluster().equals(cluster) && e.phase().equals("STARTED")).count();
        }
    }

    /** Forgets everything recorded so far (recording goes on). */
    public void clear() {
        synchronized (pods) {
            pods.clear();
        }
        synchronized (installs) {
            installs.clear();
        }
    }

    /** Stops recording. */
    public void close() {
        synchronized (watches) {
            watches.forEach(StoreWatch::close);
            watches.clear();
        }
    }
}
