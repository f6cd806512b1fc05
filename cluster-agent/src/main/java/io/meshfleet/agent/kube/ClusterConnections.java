package io.meshfleet.agent.kube;

import io.meshfleet.agent.AgentConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@link ClusterConnection} per served cluster: a context named like the cluster id in
 * {@code meshfleet.agent.kubeconfig}, or, without a kubeconfig, the single cluster the agent runs in.
 */
@ApplicationScoped
public class ClusterConnections {

    private final Map<String, ClusterConnection> connections = new LinkedHashMap<>();

    ClusterConnections(AgentConfig config) {
        if (config.kubeconfig().isEmpty() && config.clusters().stream().distinct().count() > 1) {
            throw new IllegalStateException("meshfleet.agent.clusters names " + config.clusters() + " but no "
                    + "meshfleet.agent.kubeconfig is set: a hub-side agent needs a kubeconfig with one context per cluster");
        }
        for (String cluster : config.clusters().stream().distinct().toList()) {
            connections.put(cluster, config.kubeconfig()
                    .map(file -> ClusterConnection.fromKubeconfig(cluster, file, cluster))
                    .orElseGet(() -> ClusterConnection.inCluster(cluster)));
        }
    }

    /** The connection to {@code clusterId}, which must be served. */
    public ClusterConnection get(String clusterId) {
        ClusterConnection connection = connections.get(clusterId);
        if (connection == null) {
            throw new IllegalArgumentException("this agent does not serve cluster " + clusterId);
        }
        return connection;
    }

    /** The served clusters. */
    public Set<String> clusters() {
        return connections.keySet();
    }

    @PreDestroy
    void close() {
        connections.values().forEach(ClusterConnection::close);
    }
}
