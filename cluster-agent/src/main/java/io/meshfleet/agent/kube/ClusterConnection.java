package io.meshfleet.agent.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's access to one served cluster: a fabric8 client, and the kubeconfig file and context that external
 * tools (the release's istioctl) are given for the same cluster.
 */
public final class ClusterConnection implements AutoCloseable {

    private final String clusterId;
    private final KubernetesClient client;
    private final Path kubeconfig;
    private final String context;

    private ClusterConnection(String clusterId, KubernetesClient client, Path kubeconfig, String context) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.client = Objects.requireNonNull(client, "client");
        this.kubeconfig = kubeconfig;
        this.context = context;
    }

    /** The cluster of {@code context} in {@code kubeconfig}. */
    public static ClusterConnection fromKubeconfig(String clusterId, Path kubeconfig, String context) {
        if (!Files.isReadable(kubeconfig)) {
            throw new IllegalStateException("kubeconfig " + kubeconfig + " for cluster " + clusterId
                    + " is not readable: set meshfleet.agent.kubeconfig to a file with a context named " + context);
        }
        try {
            return fromKubeconfig(clusterId, kubeconfig, context, Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
        }
    }

    /**
     * The cluster of {@code context} in a kubeconfig whose text is {@code contents} (read from {@code kubeconfig},
     * which external tools are given); the text may hold only that context.
     */
    static ClusterConnection fromKubeconfig(String clusterId, Path kubeconfig, String context, String contents) {
        return build(clusterId, kubeconfig, context, Config.fromKubeconfig(context, contents, kubeconfig.toString()),
                new KubernetesClientBuilder());
    }

    /**
     * The cluster of {@code context} in {@code contents}, a kubeconfig cut down to that context whose file names are
     * absolute, read from {@code kubeconfig} (which external tools are given); the client is built by {@code builder}
     * (which shares the HTTP client factory and serialization of an agent's clients).
     */
    static ClusterConnection fromContext(String clusterId, Path kubeconfig, String context, String contents,
            KubernetesClientBuilder builder) {
        // No path for fabric8: given one, it reads and parses that file again, 150 ms per cluster for a 1,000-context
        // file (more than a minute for an agent of 500); the file names in contents are absolute already.
        return build(clusterId, kubeconfig, context, Config.fromKubeconfig(context, contents, null), builder);
    }

    private static ClusterConnection build(String clusterId, Path kubeconfig, String context, Config config,
            KubernetesClientBuilder builder) {
        if (config.getMasterUrl() == null) {
            throw new IllegalStateException("kubeconfig " + kubeconfig + " has no usable context " + context);
        }
        return new ClusterConnection(clusterId, builder.withConfig(httpWatches(config)).build(), kubeconfig, context);
    }

    /** The cluster the agent runs in (service account), for a single-cluster agent without a kubeconfig. */
    static ClusterConnection inCluster(String clusterId, KubernetesClientBuilder builder) {
        return new ClusterConnection(clusterId, builder.withConfig(httpWatches(Config.autoConfigure(null))).build(),
                null, null);
    }

    /**
     * {@code config} with watches as plain streaming HTTP GETs, like kubectl's and client-go's, instead of fabric8's
     * default WebSocket upgrade: they pass any HTTP proxy between the agent and an API server (fleet-sim's fault
     * proxy does not carry WebSocket upgrades, and informers behind it never synced).
     */
    private static Config httpWatches(Config config) {
        config.setOnlyHttpWatches(true);
        return config;
    }

    public String clusterId() {
        return clusterId;
    }

    public KubernetesClient client() {
        return client;
    }

    /** The kubeconfig for external tools, empty in-cluster (they then use the service account too). */
    public Optional<Path> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    /** The kubeconfig context of this cluster, empty in-cluster. */
    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    @Override
    public void close() {
        client.close();
    }
}
