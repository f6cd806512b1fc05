package io.meshfleet.sim.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a kubeconfig for simulated clusters, one context per cluster (named like the cluster), plain-HTTP server
 * URLs and one bearer-token user; kubectl and fabric8's {@code Config.fromKubeconfig} read it unchanged.
 */
public final class Kubeconfig {

    /** The user every context uses. */
    public static final String USER = "meshfleet-sim-admin";

    /** Its bearer token (the simulated clusters accept any). */
    public static final String TOKEN = "meshfleet-sim-token";

    private Kubeconfig() {
    }

    /** Writes the kubeconfig (current context: the first cluster) and returns the path. */
    public static Path write(Path file, SimCluster... clusters) {
        return write(file, List.of(clusters));
    }

    /** Writes the kubeconfig (current context: the first cluster) and returns the path. */
    public static Path write(Path file, List<SimCluster> clusters) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(clusters));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }

    /** The kubeconfig YAML. */
    public static String render(List<SimCluster> clusters) {
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("a kubeconfig needs at least one cluster");
        }
        List<Object> clusterEntries = new ArrayList<>();
        List<Object> contextEntries = new ArrayList<>();
        for (SimCluster cluster : clusters) {
            clusterEntries.add(map("name", cluster.name(), "cluster", map("server", cluster.url())));
            contextEntries.add(map("name", cluster.name(),
                    "context", map("cluster", cluster.name(), "user", USER, "namespace", "default")));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("preferences", Map.of());
        config.put("clusters", clusterEntries);
        config.put("contexts", contextEntries);
        config.put("users", List.of(map("name", USER, "user", map("token", TOKEN))));
        config.put("current-context", clusters.get(0).name());
        return io.meshfleet.sim.store.Json.yaml(config);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
