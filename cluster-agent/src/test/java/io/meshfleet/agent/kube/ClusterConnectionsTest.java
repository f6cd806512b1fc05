package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub-side agent's connections from one kubeconfig with a context per cluster (as fleet-sim writes it): each served
 * cluster gets its own context's server, user and certificate files (named relative to the kubeconfig). The file is parsed once, not once per cluster (an agent of 500
 * clusters spent minutes parsing a 1,000-context file 500 times in system-tests' scale run).
 */
class ClusterConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void everyServedClusterGetsItsOwnContextsServerAndUserFromAFileOfManyContexts() throws Exception {
        int contexts = 400;
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: c-0001\nclusters:\n");
        for (int n = 1; n <= contexts; n++) {
            yaml.append(String.format("- name: c-%04d%n  cluster:%n    server: http://127.0.0.1:6443/clusters/c-%04d%n"
                    + "    certificate-authority: certs/ca.crt%n", n, n));
        }
        yaml.append("users:\n");
        for (int n = 1; n <= contexts; n++) {
            yaml.append(String.format("- name: u-%04d%n  user:%n    token: token-%04d%n", n, n));
        }
        yaml.append("contexts:\n");
        for (int n = 1; n <= contexts; n++) {
            yaml.append(String.format("- name: c-%04d%n  context:%n    cluster: c-%04d%n    user: u-%04d%n", n, n, n));
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), yaml);
        Files.createDirectories(dir.resolve("certs"));
        try (var ca = ClusterConnectionsTest.class.getResourceAsStream("test-ca.crt")) {
            Files.write(dir.resolve("certs/ca.crt"), ca.readAllBytes()); // a self-signed test CA, read by the clients
        }
        List<String> served = new ArrayList<>();
        for (int n = contexts / 2 + 1; n <= contexts; n++) {
            served.add(String.format("c-%04d", n));
        }

        SharedClientResources http = new SharedClientResources();
        Map<String, ClusterConnection> connections = ClusterConnections.open(served, Optional.of(kubeconfig),
                http);
        try {
            assertThat(connections.keySet()).containsExactlyElementsOf(served);
            connections.forEach((cluster, connection) -> {
                assertThat(connection.clusterId()).isEqualTo(cluster);
                assertThat(connection.client().getConfiguration().getMasterUrl())
                        .isEqualTo("http://127.0.0.1:6443/clusters/" + cluster + "/");
                assertThat(connection.client().getConfiguration().getCurrentContext().getName()).isEqualTo(cluster);
                assertThat(connection.client().getConfiguration().getCurrentContext().getContext().getUser())
                        .isEqualTo("u-" + cluster.substring(2));
                assertThat(connection.client().getConfiguration().getCaCertFile()).as("relative to the kubeconfig, as kubectl")
                        .isEqualTo(dir.toAbsolutePath().resolve("certs/ca.crt").toString());
            });
        } finally {
            connections.values().forEach(ClusterConnection::close);
            http.close();
        }
    }
}
