package io.meshfleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.scenario.ScenarioReader;
import io.meshfleet.sim.store.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default scenario's fleet driven by the real kubectl and a generated release's istioctl, one cluster per test:
 * what an operator following the seed procedure sees.
 */
class FleetSimKubeTest {

    private static final String TARGET = "1.5.10-asm.2";

    @TempDir
    static Path work;

    private static FleetSim fleet;
    private static Cli cli;

    @BeforeAll
    static void startFleet() throws Exception {
        // 1200x: a 5-minute control-plane install takes a quarter of a second.
        fleet = FleetSim.start(ScenarioReader.defaultScenario(), work.resolve("fleet"),
                FleetSim.Options.DEFAULTS.withTimeScale(1200));
        cli = new Cli(fleet.kubeconfig(), Files.createDirectories(work.resolve("kube-cache")));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void kubectlSeesARunningControlPlaneAndInjectedWorkloads() throws Exception {
        Cli.Result istio = cli.kubectl("user-01", "get", "pod", "-n", "istio-system");
        assertThat(istio.exitCode()).as(istio.toString()).isZero();
        assertThat(lines(istio.stdout(), "istiod-\\S+\\s+1/1\\s+Running\\s+0\\s+\\S+")).hasSize(2);
        assertThat(lines(istio.stdout(), "istio-ingressgateway-\\S+\\s+1/1\\s+Running\\s+0\\s+\\S+")).hasSize(1);

        Cli.Result shop = cli.kubectl("user-01", "get", "pod", "-n", "shop");
        assertThat(shop.exitCode()).as(shop.toString()).isZero();
        assertThat(lines(shop.stdout(), "\\S+\\s+2/2\\s+Running\\s+0\\s+\\S+")).hasSize(6);
        assertThat(shop.stdout()).contains("orders-db-0");

        Cli.Result kubeSystem = cli.kubectl("admin", "get", "namespace", "kube-system", "-o",
                "jsonpath={.metadata.labels.meshfleet\\.io/cluster-kind}");
        assertThat(kubeSystem.stdout()).isEqualTo("admin");
        assertThat(cli.kubectl("user-01", "get", "namespace", "kube-system", "-o",
                "jsonpath={.metadata.labels.meshfleet\\.io/cluster-kind}").stdout()).isEqualTo("user");
        // The scenario's cluster labels, as an operator marks a cluster for meshfleet's plan selectors.
        assertThat(cli.kubectl("user-01", "get", "namespace", "kube-system", "-o",
                "jsonpath={.metadata.labels.meshfleet\\.io/env}").stdout()).isEqualTo("prod");
        assertThat(cli.kubectl("user-01", "get", "namespace", "shop", "-o",
                "jsonpath={.metadata.labels.istio-injection}").stdout()).isEqualTo("enabled");
    }

    @Test
    void aRolloutRestartRollsTheNamespaceAndRolloutStatusSucceeds() throws Exception {
        List<String> before = podNames("user-02", "app=frontend");

        Cli.Result restart = cli.kubectl("user-02", "rollout", "restart", "deployment", "-n", "shop");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.stdout()).contains("deployment.apps/frontend restarted", "deployment.apps/cart restarted");
        Cli.Result status = cli.kubectl("user-02", "rollout", "status", "deployment/frontend", "-n", "shop",
                "--timeout=60s");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("deployment \"frontend\" successfully rolled out");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cli.Result pods = cli.kubectl("user-02", "get", "pod", "-n", "shop", "-l", "app=frontend");
            assertThat(lines(pods.stdout(), "frontend-\\S+\\s+2/2\\s+Running\\s+0\\s+\\S+")).hasSize(3);
            assertThat(pods.stdout()).doesNotContain("Terminating");
        });
        List<String> after = podNames("user-02", "app=frontend");
        assertThat(after).hasSize(3).doesNotContainAnyElementsOf(before);
        assertThat(proxyImages("user-02", "shop")).allSatisfy(image -> assertThat(image).endsWith(":1.6.14-asm.1"));
        assertThat(fleet.recorder().restarts("user-02", "shop", "frontend")).isEqualTo(3);
        assertThat(fleet.recorder().restarts("user-02", "shop", "cart")).isEqualTo(2);
        assertThat(fleet.recorder().created("user-02", "shop", "frontend")).isEqualTo(3);
        assertThat(fleet.recorder().restarts("user-02", "payments", "payments-api")).isZero();
    }

    @Test
    void rolloutHistoryAndUndoWorkOnTheReplicaSets() throws Exception {
        String original = cli.kubectl("user-05", "get", "rs", "-n", "shop", "-l", "app=cart", "-o",
                "jsonpath={.items[0].metadata.name}").stdout();
        cli.kubectl("user-05", "rollout", "restart", "deployment/cart", "-n", "shop");
        assertThat(cli.kubectl("user-05", "rollout", "status", "deployment/cart", "-n", "shop", "--timeout=60s")
                .exitCode()).isZero();
        Cli.Result history = cli.kubectl("user-05", "rollout", "history", "deployment/cart", "-n", "shop");
        assertThat(lines(history.stdout(), "\\d+\\s+<none>")).hasSize(2);

        Cli.Result undo = cli.kubectl("user-05", "rollout", "undo", "deployment/cart", "-n", "shop");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(cli.kubectl("user-05", "rollout", "status", "deployment/cart", "-n", "shop", "--timeout=60s")
                .exitCode()).isZero();
        // The first ReplicaSet is reused and becomes revision 3, as upstream renumbers it.
        assertThat(cli.kubectl("user-05", "get", "rs", original, "-n", "shop", "-o",
                "jsonpath={.spec.replicas} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}").stdout())
                .isEqualTo("2 3");
        history = cli.kubectl("user-05", "rollout", "history", "deployment/cart", "-n", "shop");
        assertThat(lines(history.stdout(), "\\d+\\s+<none>")).extracting(line -> line.split("\\s+")[0])
                .containsExactly("2", "3");
    }

    @Test
    void istioctlInstallReplacesTheControlPlaneAndARestartBringsTheNewProxy() throws Exception {
        ExtractedRelease release = ExtractedRelease.create(cli, TARGET, Files.createDirectories(work.resolve("release")));
        List<String> oldIstiod = podNames("user-03", "app=istiod", "istio-system");

        Cli.Result install = cli.run(List.of(release.istioctl().toString(), "install", "-y", "--set",
                "profile=asm-multicloud", "--context", "user-03"), Map.of("ISTIOCTL_POLL_INTERVAL", "0.1"));
        assertThat(install.exitCode()).as(install.toString()).isZero();
        assertThat(install.stdout()).contains("\u2714 Istiod installed", "\u2714 Installation complete");

        Cli.Result pods = cli.kubectl("user-03", "get", "pod", "-n", "istio-system", "-l", "app=istiod", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.spec.containers[0].image}{\"\\n\"}{end}");
        assertThat(pods.stdout().lines().toList()).hasSize(2).allSatisfy(line -> {
            assertThat(line).endsWith("/pilot:" + TARGET);
            assertThat(oldIstiod).doesNotContain(line.split(" ")[0]);
        });
        Cli.Result table = cli.kubectl("user-03", "get", "pod", "-n", "istio-system");
        assertThat(lines(table.stdout(), "istiod-\\S+\\s+1/1\\s+Running.*")).hasSize(2);
        Cli.Result version = cli.run(List.of(release.istioctl().toString(), "version", "--context", "user-03"),
                Map.of());
        assertThat(version.stdout()).contains("control plane version: " + TARGET);

        Cli.Result restart = cli.kubectl("user-03", "rollout", "restart", "deployment", "-n", "shop");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        for (String deployment : List.of("frontend", "cart")) {
            Cli.Result status = cli.kubectl("user-03", "rollout", "status", "deployment/" + deployment, "-n",
                    "shop", "--timeout=60s");
            assertThat(status.exitCode()).as(status.toString()).isZero();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                proxyImages("user-03", "shop", "app in (frontend,cart)")).hasSize(5)
                .allSatisfy(image -> assertThat(image).isEqualTo("gcr.io/gke-release/asm/proxyv2:" + TARGET)));
        // The StatefulSet was not restarted: it keeps the old proxy.
        assertThat(proxyImages("user-03", "shop", "app=orders-db")).containsExactly(
                "gcr.io/gke-release/asm/proxyv2:1.6.14-asm.1");

        assertThat(fleet.recorder().installs("user-03")).isEqualTo(1);
        assertThat(fleet.recorder().installEvents()).filteredOn(e -> e.cluster().equals("user-03"))
                .extracting(FleetRecorder.InstallEvent::phase).containsExactly("STARTED", "HEALTHY");
        assertThat(fleet.recorder().restarts("user-03", "istio-system", "istiod")).isEqualTo(2);
        assertThat(fleet.recorder().installs("user-04")).isZero();
    }

    @Test
    void kubectlGetPodsWatchStreamsTheTransitions() throws Exception {
        Path output = work.resolve("watch.out");
        Process watch = cli.start(List.of(Cli.KUBECTL, "--context", "user-04", "get", "pods", "-n", "payments", "-w"),
                output);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains("payments-api-"));
            Cli.Result restart = cli.kubectl("user-04", "rollout", "restart", "deployment/payments-api", "-n",
                    "payments");
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String seen = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(lines(seen, "payments-api-\\S+\\s+0/2\\s+Pending.*")).isNotEmpty();
                assertThat(lines(seen, "payments-api-\\S+\\s+0/2\\s+Running.*")).isNotEmpty();
                assertThat(lines(seen, "payments-api-\\S+\\s+2/2\\s+Running.*")).hasSizeGreaterThanOrEqualTo(4);
                assertThat(lines(seen, "payments-api-\\S+\\s+2/2\\s+Terminating.*")).hasSizeGreaterThanOrEqualTo(2);
            });
            assertThat(watch.isAlive()).isTrue();
        } finally {
            watch.destroy();
            watch.waitFor();
        }
    }

    private static List<String> podNames(String cluster, String selector) throws Exception {
        return podNames(cluster, selector, "shop");
    }

    private static List<String> podNames(String cluster, String selector, String namespace) throws Exception {
        JsonNode list = json(cli.kubectl(cluster, "get", "pod", "-n", namespace, "-l", selector, "-o", "json"));
        List<String> names = new ArrayList<>();
        list.path("items").forEach(pod -> names.add(pod.at("/metadata/name").asText()));
        return names;
    }

    private static List<String> proxyImages(String cluster, String namespace) throws Exception {
        return proxyImages(cluster, namespace, "app");
    }

    /** The istio-proxy images of the pods that are not terminating. */
    private static List<String> proxyImages(String cluster, String namespace, String selector) throws Exception {
        JsonNode list = json(cli.kubectl(cluster, "get", "pod", "-n", namespace, "-l", selector, "-o", "json"));
        List<String> images = new ArrayList<>();
        for (JsonNode pod : list.path("items")) {
            if (pod.at("/metadata/deletionTimestamp").isMissingNode()) {
                for (JsonNode container : pod.at("/spec/containers")) {
                    if (container.path("name").asText().equals("istio-proxy")) {
                        images.add(container.path("image").asText());
                    }
                }
            }
        }
        return images;
    }

    private static JsonNode json(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return Json.parse(result.stdout().getBytes(StandardCharsets.UTF_8));
    }

    static List<String> lines(String text, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return text.lines().filter(line -> pattern.matcher(line).matches()).toList();
    }
}
