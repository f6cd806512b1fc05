package io.meshfleet.sim.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.BuiltInResources;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A started {@link SimApiServer} with one cluster and its kubeconfig, for *KubeTest classes (one per class). */
final class TestCluster implements AutoCloseable {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final SimApiServer server;
    private final SimCluster cluster;
    private final Path directory;
    private final Path kubeconfig;

    TestCluster(String name) {
        try {
            directory = Files.createTempDirectory("fleet-sim-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new SimApiServer().start();
        cluster = server.addCluster(name);
        kubeconfig = Kubeconfig.write(directory.resolve("kubeconfig"), cluster);
    }

    SimApiServer server() {
        return server;
    }

    SimCluster cluster() {
        return cluster;
    }

    ClusterStore store() {
        return cluster.store();
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    Path directory() {
        return directory;
    }

    /** A fresh namespace, named after the test. */
    String namespace(String test) {
        String base = test.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String name = (base.isEmpty() ? "ns" : base) + "-" + NAMESPACES.incrementAndGet();
        ObjectNode ns = Json.object();
        ns.putObject("metadata").put("name", name);
        return store().create(BuiltInResources.NAMESPACES, null, ns).path("metadata").path("name").asText();
    }

    @Override
    public void close() {
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
