package io.meshfleet.sim.fleet;

import static io.meshfleet.sim.fleet.FleetSimKubeTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.api.Kubeconfig;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.sim.store.BuiltInResources;
import io.meshfleet.sim.store.ClusterStore;
import io.meshfleet.sim.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each scenario fault, as the real kubectl and istioctl see it. */
class FaultsKubeTest {

    private static final String TARGET = "1.5.10-asm.2";

    private static final String YAML = """
            name: faults
            timeScale: 1200
            # 10 simulated minutes at 1200x: API_SLOW answers take half a real second.
            delays: {apiLatency: 10m}
            clusters:
              - name: crash
                mesh: {version: 1.6.14-asm.1}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: cart, replicas: 2}
                      - {kind: Deployment, name: frontend, replicas: 1}
              - name: stuck
                mesh: {version: 1.6.14-asm.1}
              - name: guarded
                mesh: {version: 1.6.14-asm.1}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: cart, replicas: 2}
              - name: slow
              - name: down
              - name: flaky
            faults:
              - {type: crashLoopOnProxyVersion, clusters: [crash], namespace: shop, workload: cart, proxyVersion: 1.5.10-asm.2}
              - {type: controlPlaneNeverReady, clusters: [stuck]}
              - {type: pdbBlocks, clusters: [guarded], namespace: shop, workload: cart}
              - {type: apiSlow, clusters: [slow]}
              - {type: apiUnavailable, clusters: [down]}
              - {type: apiSwitchable, clusters: [flaky]}
            """;

    @TempDir
    static Path work;

    private static FleetSim fleet;
    private static Cli cli;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = FleetSim.start(ScenarioReader.read(YAML, "faults"), work.resolve("fleet"));
        cli = new Cli(fleet.kubeconfig(), Files.createDirectories(work.resolve("kube-cache")));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void podsRestartedOntoTheCrashingProxyShowOneOfTwoAndCrashLoopBackOff() throws Exception {
        // The operator path: an IstioOperator applied with kubectl, reconciled in the cluster.
        Path operator = work.resolve("upgrade.yaml");
        Files.writeString(operator, """
                apiVersion: install.istio.io/v1alpha1
                kind: IstioOperator
                metadata: {name: upgrade, namespace: istio-system}
                spec: {profile: asm-multicloud, hub: gcr.io/gke-release/asm, tag: 1.5.10-asm.2}
                """);
        Cli.Result apply = cli.kubectl("crash", "apply", "-f", operator.toString(), "--validate=false");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        Cli.Result healthy = cli.kubectl("crash", "wait", "iop/upgrade", "-n", "istio-system",
                "--for=jsonpath={.status.status}=HEALTHY", "--timeout=60s");
        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();

        cli.kubectl("crash", "rollout", "restart", "deployment", "-n", "shop");
        Cli.Result frontend = cli.kubectl("crash", "rollout", "status", "deployment/frontend", "-n", "shop",
                "--timeout=60s");
        assertThat(frontend.exitCode()).as(frontend.toString()).isZero();
        // cart's new pod never becomes ready: after progressDeadlineSeconds (600 simulated) rollout status gives up.
        Cli.Result cart = cli.kubectl("crash", "rollout", "status", "deployment/cart", "-n", "shop", "--timeout=60s");
        assertThat(cart.exitCode()).as(cart.toString()).isEqualTo(1);
        assertThat(cart.stderr()).contains("exceeded its progress deadline");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cli.Result pods = cli.kubectl("crash", "get", "pod", "-n", "shop");
            assertThat(lines(pods.stdout(), "cart-\\S+\\s+1/2\\s+CrashLoopBackOff\\s+[1-9]\\d*\\s+.*")).hasSize(1);
            // maxUnavailable rounds down to 0 for 2 replicas: both old pods keep serving.
            assertThat(lines(pods.stdout(), "cart-\\S+\\s+2/2\\s+Running\\s+0\\s+.*")).hasSize(2);
            assertThat(lines(pods.stdout(), "frontend-\\S+\\s+2/2\\s+Running\\s+0\\s+.*")).hasSize(1);
        });
    }

    @Test
    void aControlPlaneThatNeverBecomesReadyTimesIstioctlOutAndLeavesTheOldOneRunning() throws Exception {
        ExtractedRelease release = ExtractedRelease.create(cli, TARGET, Files.createDirectories(work.resolve("release")));
        Cli.Result install = cli.run(List.of(release.istioctl().toString(), "install", "-y", "--set",
                "profile=asm-multicloud", "--context", "stuck", "--readiness-timeout=3s"),
                Map.of("ISTIOCTL_POLL_INTERVAL", "0.2"));
        assertThat(install.exitCode()).as(install.toString()).isEqualTo(3);

        assertThat(cli.kubectl("stuck", "get", "iop", "meshfleet-install", "-n", "istio-system", "-o",
                "jsonpath={.status.status}").stdout()).isEqualTo("RECONCILING");
        Cli.Result pods = cli.kubectl("stuck", "get", "pod", "-n", "istio-system", "-l", "app=istiod");
        assertThat(lines(pods.stdout(), "istiod-\\S+\\s+1/1\\s+Running.*")).hasSize(2);
        assertThat(lines(pods.stdout(), "istiod-\\S+\\s+0/1\\s+Running.*")).hasSize(2);
        Cli.Result version = cli.run(List.of(release.istioctl().toString(), "version", "--context", "stuck"),
                Map.of());
        assertThat(version.stdout()).contains("1.6.14-asm.1");
        assertThat(fleet.recorder().installEvents()).filteredOn(e -> e.cluster().equals("stuck"))
                .extracting(FleetRecorder.InstallEvent::phase).containsExactly("STARTED");
    }

    @Test
    void aBlockingBudgetRefusesEvictions() throws Exception {
        Cli.Result pdb = cli.kubectl("guarded", "get", "pdb", "cart-pdb", "-n", "shop", "-o",
                "jsonpath={.spec.maxUnavailable}");
        assertThat(pdb.stdout()).isEqualTo("0");
        Cli.Result status = cli.kubectl("guarded", "get", "pdb", "cart-pdb", "-n", "shop", "-o",
                "jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}");
        assertThat(status.stdout()).as(status.toString()).isEqualTo("2/2/0");
        Cli.Result drain = cli.kubectl("guarded", "drain", "guarded-node-1", "--pod-selector=app=cart",
                "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=2s");
        assertThat(drain.exitCode()).as(drain.toString()).isNotZero();
        assertThat(drain.stdout() + drain.stderr()).contains("disruption budget");
        Cli.Result pods = cli.kubectl("guarded", "get", "pod", "-n", "shop");
        assertThat(lines(pods.stdout(), "cart-\\S+\\s+2/2\\s+Running.*")).hasSize(2);
    }

    @Test
    void aBudgetCreatedWithKubectlGetsItsStatusComputed() throws Exception {
        Cli.Result create = cli.kubectl("crash", "create", "poddisruptionbudget", "frontend-pdb", "-n", "shop",
                "--selector=app=frontend", "--min-available=0");
        assertThat(create.exitCode()).as(create.toString()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cli.kubectl("crash", "get", "pdb",
                "frontend-pdb", "-n", "shop", "-o",
                "jsonpath={.status.expectedPods}/{.status.currentHealthy}/{.status.disruptionsAllowed}").stdout())
                .isEqualTo("1/1/1"));

        Cli.Result tighten = cli.kubectl("crash", "patch", "pdb", "frontend-pdb", "-n", "shop", "--type=merge",
                "-p", "{\"spec\":{\"minAvailable\":1}}");
        assertThat(tighten.exitCode()).as(tighten.toString()).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cli.kubectl("crash", "get", "pdb",
                "frontend-pdb", "-n", "shop", "-o", "jsonpath={.status.disruptionsAllowed}").stdout())
                .isEqualTo("0"));
        assertThat(cli.kubectl("crash", "delete", "pdb", "frontend-pdb", "-n", "shop").exitCode()).isZero();
    }

    @Test
    void aSlowApiAnswersLateAndAnUnavailableOneNotAtAll() throws Exception {
        assertThat(fleet.url("slow")).isNotEqualTo(fleet.cluster("slow").url());
        Cli.Result kubectl = cli.kubectl("slow", "get", "namespace", "default", "-o", "name");
        assertThat(kubectl.exitCode()).as(kubectl.toString()).isZero();
        assertThat(kubectl.stdout().trim()).isEqualTo("namespace/default");

        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<String> slow = http.send(get("slow", Duration.ofSeconds(10)), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(millis).isGreaterThanOrEqualTo(500);

        assertThatThrownBy(() -> http.send(get("down", Duration.ofSeconds(1)), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        // The cluster itself still runs; only its API is out of reach, and it can come back.
        fleet.apiHealth("down", ApiHealth.AVAILABLE);
        Cli.Result back = cli.kubectl("down", "get", "namespace", "default", "-o", "name");
        assertThat(back.exitCode()).as(back.toString()).isZero();
        fleet.apiHealth("down", ApiHealth.UNAVAILABLE);
    }

    @Test
    void aSwitchableApiStopsAnsweringWatchesInFlightIncludedAndComesBack() throws Exception {
        assertThat(fleet.url("flaky")).as("behind the fault proxy").isNotEqualTo(fleet.cluster("flaky").url());
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(get("flaky", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("answers until switched").isEqualTo(200);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> watchEnded = new CompletableFuture<>();
        // The server sends the watch's headers with its first event, so the request is sent before that event.
        CompletableFuture<HttpResponse<Stream<String>>> watching = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(fleet.url("flaky") + "/api/v1/namespaces/default/configmaps?watch=true"))
                .header("Authorization", "Bearer " + Kubeconfig.TOKEN).GET().build(), HttpResponse.BodyHandlers.ofLines());
        ClusterStore store = fleet.cluster("flaky").store();
        await("the watch under way").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    store.create(BuiltInResources.CONFIG_MAPS, "default", configMap("before-" + System.nanoTime()));
                    return watching.isDone();
                });
        HttpResponse<Stream<String>> watch = watching.get();
        assertThat(watch.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (Stream<String> lines = watch.body()) {
                lines.forEach(events::add);
                watchEnded.complete(null);
            } catch (RuntimeException e) {
                watchEnded.complete(null);
            }
        }, "flaky-watch");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.contains("\"before-")));

        fleet.apiHealth("flaky", ApiHealth.UNAVAILABLE);
        store.create(BuiltInResources.CONFIG_MAPS, "default", configMap("during"));
        assertThatThrownBy(() -> http.send(get("flaky", Duration.ofSeconds(1)), HttpResponse.BodyHandlers.ofString()))
                .as("a new request is not answered").isInstanceOf(HttpTimeoutException.class);
        assertThat(events).as("the watch in flight receives nothing more").noneMatch(e -> e.contains("\"during\""));
        assertThat(watchEnded).as("nor is it ended: it hangs").isNotDone();

        fleet.apiHealth("flaky", ApiHealth.AVAILABLE);
        await("the hanging watch's connection closed").atMost(Duration.ofSeconds(10)).until(watchEnded::isDone);
        assertThat(events).noneMatch(e -> e.contains("\"during\""));
        HttpResponse<String> back = http.send(HttpRequest.newBuilder(URI.create(fleet.url("flaky")
                        + "/api/v1/namespaces/default/configmaps/during"))
                .header("Authorization", "Bearer " + Kubeconfig.TOKEN).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).as("answers again, with what happened meanwhile: %s", back.body()).isEqualTo(200);
    }

    private static ObjectNode configMap(String name) {
        ObjectNode map = Json.object();
        map.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", name);
        map.putObject("data").put("k", "v");
        return map;
    }

    private static HttpRequest get(String cluster, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(fleet.url(cluster) + "/api/v1/namespaces/default"))
                .header("Authorization", "Bearer " + Kubeconfig.TOKEN).timeout(timeout).GET().build();
    }
}
