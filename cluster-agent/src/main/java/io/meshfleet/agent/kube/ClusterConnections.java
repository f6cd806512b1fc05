package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
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
import java.util.function.Supplier;

/**
 * One {@link ClusterConnection} per served cluster: a context named like the cluster id in
 * {@code meshfleet.agent.kubeconfig}, or, without a kubeconfig, the single cluster the agent runs in.
 */
@ApplicationScoped
public class ClusterConnections {

    private final Map<String, ClusterConnection> connections = new LinkedHashMap<>();
    private final SharedClientResources shared = new SharedClientResources();

    ClusterConnections(AgentConfig config) {
        if (config.kubeconfig().isEmpty() && config.clusters().stream().distinct().count() > 1) {
            throw new IllegalStateException("meshfleet.agent.clusters names " + config.clusters() + " but no "
                    + "meshfleet.agent.kubeconfig is set: a hub-side agent needs a kubeconfig with one context per cluster");
        }
        try {
            connections.putAll(open(config.clusters().stream().distinct().toList(), config.kubeconfig(), shared));
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
    }

    /**
     * A connection per cluster: through its context in {@code kubeconfig}, or, without one, in-cluster. The kubeconfig
     * is read and parsed once, and each client built from a kubeconfig of only its own context: parsing the whole file
     * per cluster cost a hub-side agent of 500 clusters (a 1,000-context file) minutes of CPU before it was ready.
     * The clients share {@code shared} (one Vert.x instance and one task executor) and one
     * {@link KubernetesSerialization} (a client builds its own otherwise): 500 connections took 10.9 s and 1,000
     * threads with a Vert.x per client, 3.6 s and 4 threads so ({@code ReporterStartupBench}).
     */
    public static Map<String, ClusterConnection> open(List<String> clusters, Optional<Path> kubeconfig,
            SharedClientResources shared) {
        return open(clusters, kubeconfig, shared.factory(), shared.executor());
    }

    /**
     * As {@link #open(List, Optional, SharedClientResources)} with another HTTP client factory, and fabric8's own
     * executor per client when {@code executor} is null (to measure fabric8's defaults against the shared ones).
     */
    public static Map<String, ClusterConnection> open(List<String> clusters, Optional<Path> kubeconfig,
            HttpClient.Factory http, java.util.concurrent.Executor executor) {
        Map<String, ClusterConnection> opened = new LinkedHashMap<>();
        KubernetesSerialization serialization = new KubernetesSerialization();
        Supplier<KubernetesClientBuilder> builder = () -> {
            KubernetesClientBuilder b = new KubernetesClientBuilder().withHttpClientFactory(http)
                    .withKubernetesSerialization(serialization);
            return executor == null ? b : b.withTaskExecutor(executor);
        };
        if (kubeconfig.isEmpty()) {
            clusters.forEach(cluster -> opened.put(cluster, ClusterConnection.inCluster(cluster, builder.get())));
            return opened;
        }
        Path file = kubeconfig.get();
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("kubeconfig " + file + " for clusters " + clusters
                    + " is not readable: set meshfleet.agent.kubeconfig to a file with a context named like each cluster");
        }
        Config parsed;
        try {
            parsed = withAbsolutePaths(KubeConfigUtils.parseConfigFromString(Files.readString(file)),
                    file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + file, e);
        }
        for (String cluster : clusters) {
            opened.put(cluster, ClusterConnection.fromContext(cluster, file, cluster,
                    serialization.asYaml(onlyContext(parsed, cluster)), builder.get()));
        }
        return opened;
    }

    /**
     * {@code config} with the files it names (certificate authority, client certificate and key, token file)
     * resolved against {@code dir}, the kubeconfig's directory, as kubectl resolves them: the cut-down kubeconfig each
     * client is built from has no file of its own to resolve them against.
     */
    static Config withAbsolutePaths(Config config, Path dir) {
        if (config.getClusters() != null) {
            config.getClusters().stream().filter(c -> c.getCluster() != null).forEach(c ->
                    c.getCluster().setCertificateAuthority(absolute(c.getCluster().getCertificateAuthority(), dir)));
        }
        if (config.getUsers() != null) {
            config.getUsers().stream().filter(u -> u.getUser() != null).forEach(u -> {
                u.getUser().setClientCertificate(absolute(u.getUser().getClientCertificate(), dir));
                u.getUser().setClientKey(absolute(u.getUser().getClientKey(), dir));
                u.getUser().setTokenFile(absolute(u.getUser().getTokenFile(), dir));
            });
        }
        return config;
    }

    private static String absolute(String file, Path dir) {
        return file == null || file.isBlank() || dir == null ? file : dir.resolve(file).toString();
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
        shared.close();
    }
}
