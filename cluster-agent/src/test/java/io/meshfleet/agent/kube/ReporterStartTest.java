package io.meshfleet.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meshfleet.agent.state.ClusterStateReporter;
import io.meshfleet.events.ClusterState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Starting a state reporter does not wait for its cluster. An agent serving many clusters starts one reporter per
 * cluster at boot; when {@code start()} waited for each informer to sync in turn, an agent of 500 simulated clusters
 * was still not ready after three minutes (system-tests' scale run), and one cluster that did not answer held up all
 * the others.
 */
class ReporterStartTest {

    @Test
    void startReturnsWhileTheClusterDoesNotAnswerAndNothingIsReportedBeforeTheInformersSynced() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, never answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-api");
            acceptor.setDaemon(true);
            acceptor.start();
            Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + silent.getLocalPort())
                    .withRequestTimeout(120_000).withConnectionTimeout(120_000).build();
            List<ClusterState> reports = new CopyOnWriteArrayList<>();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                CompletableFuture<ClusterStateReporter> started = CompletableFuture.supplyAsync(() ->
                        new ClusterStateReporter("silent", client, reports::add, Clock.systemUTC(),
                                new ClusterStateReporter.Timing(Duration.ofMillis(100), Duration.ofSeconds(1),
                                        Duration.ofSeconds(1))).start());

                await("start() to return although the cluster answers no request").atMost(Duration.ofSeconds(30))
                        .until(started::isDone);
                try (ClusterStateReporter reporter = started.get()) {
                    await("the informers to have asked the cluster").atMost(Duration.ofSeconds(30))
                            .until(() -> !held.isEmpty());
                    assertThat(reporter.reportsSent()).isZero();
                    assertThat(reports).as("no report from informers that have not synced").isEmpty();
                }
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
