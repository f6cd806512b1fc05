package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every overlay renders with the real {@code kubectl kustomize}, and what it renders keeps the deploy rules. */
class KustomizeRenderTest {

    private final Kubectl kubectl = new Kubectl();

    @ParameterizedTest
    @ValueSource(strings = {"hub/overlays/laptop", "hub/overlays/production", "agent/base"})
    void everyDeploymentHasHealthProbesRequestsAndABudget(String kustomization) {
        List<JsonNode> docs = DeployTree.documents(kubectl.kustomize(DeployTree.root().resolve(kustomization)));
        List<JsonNode> deployments = DeployTree.ofKind(docs, "Deployment");
        assertThat(deployments).isNotEmpty();
        for (JsonNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).as(name)
                    .isEqualTo("/q/health/started");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(name)
                    .isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(name)
                    .isEqualTo("/q/health/live");
            assertThat(container.path("resources").path("requests").path("cpu").asText()).as(name).isNotEmpty();
            assertThat(container.path("resources").path("requests").path("memory").asText()).as(name).isNotEmpty();
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).as(name)
                    .isFalse();
            Map<String, String> labels = Map.of("app.kubernetes.io/name", name);
            assertThat(DeployTree.ofKind(docs, "PodDisruptionBudget")).as("a PodDisruptionBudget selecting " + name)
                    .anyMatch(pdb -> selects(pdb.path("spec").path("selector").path("matchLabels"), labels));
            assertThat(DeployTree.ofKind(docs, "Service")).as("a Service selecting " + name)
                    .anyMatch(svc -> selects(svc.path("spec").path("selector"), labels));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub/overlays/laptop", "hub/overlays/production"})
    void onlyTheOrchestratorPodsCarryAServiceAccountTokenAndOnlyForItsLease(String overlay) {
        List<JsonNode> docs = DeployTree.documents(kubectl.kustomize(DeployTree.root().resolve(overlay)));
        for (JsonNode deployment : DeployTree.ofKind(docs, "Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            String name = deployment.path("metadata").path("name").asText();
            assertThat(pod.path("automountServiceAccountToken").isBoolean()).as(name).isTrue();
            // The orchestrator needs a token for its Lease (leader election); nobody else talks to the API.
            assertThat(pod.path("automountServiceAccountToken").asBoolean()).as(name).isEqualTo(name.equals("orchestrator"));
            JsonNode account = DeployTree.named(docs, "ServiceAccount", pod.path("serviceAccountName").asText());
            assertThat(account.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("meshfleet");
        }
        for (String kind : List.of("ClusterRole", "ClusterRoleBinding")) {
            assertThat(DeployTree.ofKind(docs, kind)).as("the hub has no cluster-wide rights: no " + kind).isEmpty();
        }
        assertThat(DeployTree.ofKind(docs, "Role")).extracting(r -> r.path("metadata").path("name").asText())
                .containsExactly("orchestrator-leader-election");
        assertThat(DeployTree.ofKind(docs, "RoleBinding")).extracting(r -> r.path("metadata").path("name").asText())
                .containsExactly("orchestrator-leader-election");
    }

    @Test
    void twoOrchestratorsCompeteForTheLeaseAndTheOtherServicesRunOnce() {
        for (String overlay : List.of("hub/overlays/laptop", "hub/overlays/production")) {
            List<JsonNode> docs = DeployTree.documents(kubectl.kustomize(DeployTree.root().resolve(overlay)));
            JsonNode orchestrator = DeployTree.named(docs, "Deployment", "orchestrator").path("spec");
            assertThat(orchestrator.path("replicas").asInt()).as(overlay).isEqualTo(2);
            assertThat(orchestrator.path("strategy").path("type").asText()).as(overlay).isEqualTo("Recreate");
            Map<String, JsonNode> env = new java.util.HashMap<>();
            orchestrator.path("template").path("spec").path("containers").get(0).path("env")
                    .forEach(e -> env.put(e.path("name").asText(), e));
            assertThat(env.get("MESHFLEET_LEADER_ELECTION_ENABLED").path("value").asText()).isEqualTo("true");
            assertThat(env.get("POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                    .as("the holder identity is the pod name").isEqualTo("metadata.name");
            assertThat(env.get("POD_NAMESPACE").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                    .as("the Lease lives in the pod's namespace, where the Role grants it").isEqualTo("metadata.namespace");
            for (String name : List.of("sidecar-roller", "artifact-service")) {
                JsonNode spec = DeployTree.named(docs, "Deployment", name).path("spec");
                assertThat(spec.path("replicas").asInt()).as(overlay + " " + name).isEqualTo(1);
                assertThat(spec.path("strategy").path("type").asText()).as(overlay + " " + name).isEqualTo("Recreate");
            }
        }
    }

    @Test
    void everySecretAndConfigMapKeyADeploymentNeedsIsDocumented() {
        String readme = DeployTree.read(DeployTree.root().resolve("README.md"));
        Set<String> referenced = new HashSet<>();
        List<String> envNames = new ArrayList<>();
        for (String kustomization : DeployTree.KUSTOMIZATIONS) {
            List<JsonNode> docs = DeployTree.documents(kubectl.kustomize(DeployTree.root().resolve(kustomization)));
            for (JsonNode deployment : DeployTree.ofKind(docs, "Deployment")) {
                JsonNode pod = deployment.path("spec").path("template").path("spec");
                for (JsonNode env : pod.path("containers").get(0).path("env")) {
                    envNames.add(env.path("name").asText());
                    JsonNode secret = env.path("valueFrom").path("secretKeyRef");
                    if (!secret.isMissingNode()) {
                        referenced.add(secret.path("name").asText());
                    }
                    JsonNode map = env.path("valueFrom").path("configMapKeyRef");
                    if (!map.isMissingNode()) {
                        assertThat(DeployTree.named(docs, "ConfigMap", map.path("name").asText()).path("data")
                                .has(map.path("key").asText())).as("configmap key " + map).isTrue();
                    }
                }
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.has("secret")) {
                        referenced.add(volume.path("secret").path("secretName").asText());
                    }
                }
            }
        }
        assertThat(envNames).isNotEmpty();
        assertThat(referenced).isNotEmpty();
        assertThat(envNames).allSatisfy(name -> assertThat(readme).as("README documents " + name).contains("`" + name + "`"));
        assertThat(referenced).allSatisfy(name -> assertThat(readme).as("README documents secret " + name)
                .contains("`" + name + "`"));
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        return selector.isObject() && selector.size() > 0 && labels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(selector.path(e.getKey()).asText()));
    }
}
