package io.meshfleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric8 client (what cluster-agent uses) against the default fleet, through a per-cluster kubeconfig. */
class Fabric8KubeTest {

    @TempDir
    static Path work;

    private static FleetSim fleet;

    @BeforeAll
    static void startFleet() {
        fleet = FleetSim.start(ScenarioReader.defaultScenario(), work, FleetSim.Options.DEFAULTS.withTimeScale(600));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private static KubernetesClient client(String cluster) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(fleet.kubeconfig(cluster)));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Test
    void anInformerSeesEveryPodTransitionOfARestart() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (KubernetesClient client = client("user-05");
             SharedIndexInformer<Pod> informer = client.pods().inNamespace("shop").withLabel("app", "cart")
                     .inform(new ResourceEventHandler<>() {
                         @Override
                         public void onAdd(Pod pod) {
                             seen.add("add " + describe(pod));
                         }

                         @Override
                         public void onUpdate(Pod before, Pod after) {
                             seen.add("update " + describe(after));
                         }

                         @Override
                         public void onDelete(Pod pod, boolean unknownFinalState) {
                             seen.add("delete " + pod.getMetadata().getName());
                         }
                     })) {
            await().atMost(Duration.ofSeconds(30)).until(informer::hasSynced);
            List<String> before = informer.getStore().list().stream().map(p -> p.getMetadata().getName()).toList();
            assertThat(before).hasSize(2);

            client.apps().deployments().inNamespace("shop").withName("cart").rolling().restart();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(seen).filteredOn(e -> e.startsWith("delete ")).hasSize(2);
                assertThat(informer.getStore().list()).hasSize(2).allSatisfy(pod -> {
                    assertThat(before).doesNotContain(pod.getMetadata().getName());
                    assertThat(describe(pod)).endsWith("Running ready");
                });
            });
            String created = informer.getStore().list().get(0).getMetadata().getName();
            assertThat(seen).filteredOn(e -> e.contains(created)).containsSubsequence(
                    "add " + created + " Pending", "update " + created + " Running", "update " + created + " Running ready");
            String old = before.get(0);
            assertThat(seen).filteredOn(e -> e.contains(old)).containsSubsequence(
                    "update " + old + " Running ready terminating", "delete " + old);
        }
    }

    @Test
    void theInstalledStateCarriesTheScenariosFeatures() throws Exception {
        try (KubernetesClient client = client("user-06")) {
            GenericKubernetesResource installed = client
                    .genericKubernetesResources("install.istio.io/v1alpha1", "IstioOperator")
                    .inNamespace("istio-system").withName("installed-state").get();
            assertThat(installed).isNotNull();
            Map<String, Object> spec = map(installed.getAdditionalProperties().get("spec"));
            assertThat(spec).containsEntry("profile", "asm-multicloud").containsEntry("tag", "1.6.14-asm.1")
                    .containsEntry("hub", "gcr.io/gke-release/asm");
            Map<String, Object> values = map(spec.get("values"));
            assertThat(map(map(values.get("global")).get("proxy"))).containsEntry("tracer", "zipkin");
            assertThat(map(values.get("pilot"))).containsEntry("traceSampling", 1);
            assertThat(map(map(spec.get("addonComponents")).get("prometheus"))).containsEntry("enabled", true);
            assertThat(installed.getMetadata().getAnnotations()).containsEntry("install.istio.io/ignoreReconcile", "true");

            Pod istiod = client.pods().inNamespace("istio-system").withLabel("app", "istiod").list().getItems().get(0);
            assertThat(istiod.getSpec().getContainers().get(0).getName()).isEqualTo("discovery");
            assertThat(istiod.getSpec().getContainers().get(0).getImage())
                    .isEqualTo("gcr.io/gke-release/asm/pilot:1.6.14-asm.1");
            assertThat(client.namespaces().withName("kube-system").get().getMetadata().getLabels())
                    .containsEntry("meshfleet.io/cluster-kind", "user");
        }
    }

    private static String describe(Pod pod) {
        boolean ready = pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        return pod.getMetadata().getName() + " " + pod.getStatus().getPhase() + (ready ? " ready" : "")
                + (pod.getMetadata().getDeletionTimestamp() != null ? " terminating" : "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
