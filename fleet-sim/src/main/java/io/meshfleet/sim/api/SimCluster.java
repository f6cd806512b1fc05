package io.meshfleet.sim.api;

import io.meshfleet.sim.store.ClusterStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated Kubernetes cluster: its name, its object store (what controllers use in-process), the URL its API is
 * served at, and the access policy of its kubeconfig user.
 */
public final class SimCluster {

    private static final int REQUEST_LOG_LIMIT = 10_000;

    private final String name;
    private final ClusterStore store;
    private final SimApiServer server;
    private volatile AccessPolicy accessPolicy = AccessPolicy.allowAll();
    private volatile ArrayDeque<RecordedRequest> requestLog;

    SimCluster(String name, ClusterStore store, SimApiServer server) {
        this.name = name;
        this.store = store;
        this.server = server;
    }

    /** The cluster's name (also its kubeconfig context and its URL path segment). */
    public String name() {
        return name;
    }

    /** The objects; what controllers read, write and watch in-process. */
    public ClusterStore store() {
        return store;
    }

    /** {@code http://127.0.0.1:<port>/clusters/<name>}: the server URL for kubectl and fabric8. */
    public String url() {
        return server.baseUrl() + SimApiServer.CLUSTER_PREFIX + name;
    }

    /** What the kubeconfig user may do. */
    public AccessPolicy accessPolicy() {
        return accessPolicy;
    }

    /** Replaces the access policy (takes effect for the next request). */
    public void accessPolicy(AccessPolicy policy) {
        this.accessPolicy = policy;
    }

    /** Starts (clearing) or stops recording the requests this cluster receives. */
    public void recordRequests(boolean on) {
        requestLog = on ? new ArrayDeque<>() : null;
    }

    /** The recorded requests, oldest first (empty unless recording). */
    public List<RecordedRequest> requests() {
        ArrayDeque<RecordedRequest> log = requestLog;
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    void record(RecordedRequest request) {
        ArrayDeque<RecordedRequest> log = requestLog;
        if (log != null) {
            synchronized (log) {
                log.addLast(request);
                if (log.size() > REQUEST_LOG_LIMIT) {
                    log.removeFirst();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SimCluster[" + name + "]";
    }
}
