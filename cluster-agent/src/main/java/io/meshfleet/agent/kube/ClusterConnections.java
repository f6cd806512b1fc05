package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshfleet.agent.AgentConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
        connections.putAll(open(config.clusters().stream().distinct().toList(), config.kubeconfig()));
    }

    /**
     * A connection per cluster: through its context in {@code kubeconfig}, or, without one, in-cluster. The kubeconfig
     * is read and parsed once, and each client built from a kubeconfig of only its own context: parsing the whole file
     * per cluster cost a hub-side agent of 500 clusters (a 1,000-context file) minutes of CPU before it was ready.
     */
    static Map<String, ClusterConnection> open(List<String> clusters, Optional<Path> kubeconfig) {
        Map<String, ClusterConnection> opened = new LinkedHashMap<>();
        if (kubeconfig.isEmpty()) {
            clusters.forEach(cluster -> opened.put(cluster, ClusterConnection.inCluster(cluster)));
            return opened;
        }
        Path file = kubeconfig.get();
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("kubeconfig " + file + " for clusters " + clusters
                    + " is not readable: set meshfleet.agent.kubeconfig to a file with a context named like each cluster");
        }
        Config parsed;
        try {
            parsed = KubeConfigUtils.parseConfigFromString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + file, e);
        }
        KubernetesSerialization yaml = new KubernetesSerialization();
        for (String cluster : clusters) {
            opened.put(cluster, ClusterConnection.fromKubeconfig(cluster, file, cluster,
                    yaml.asYaml(onlyContext(parsed, cluster))));
        }
        return opened;
    }

    /** {@code config} cut down to {@code context}, its cluster and its user (nothing of them when it has none). */
    static Config onlyContext(Config config, String context) {
        NamedContext named = config.getContexts() == null ? null : config.getContexts().stream()
                .filter(c -> context.equals(c.getName())).findFirst().orElse(null);
        if (named == null || named.getContext() == null) {
            return new ConfigBuilder(config).withContexts(List.of()).withClusters(List.of()).withUsers(List.of())
                    .withCurrentContext(context).build();
        }
        String cluster = named.getContext().getCluster();
        String user = named.getContext().getUser();
        return new ConfigBuilder(config)
                .withContexts(List.of(named))
                .withClusters(config.getClusters() == null ? List.of() : config.getClusters().stream()
                        .filter(c -> Objects.equals(cluster, c.getName())).toList())
                .withUsers(config.getUsers() == null ? List.of() : config.getUsers().stream()
                        .filter(u -> Objects.equals(user, u.getName())).toList())
                .withCurrentContext(context)
                .build();
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
