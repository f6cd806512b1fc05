package io.meshfleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshfleet.sim.fleet.FleetSim;
import io.meshfleet.sim.scenario.ScenarioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl apply -k} of the hub overlays to a management cluster and of the agent to a user cluster
 * of a fleet-sim fleet: every object is accepted and stored as rendered.
 */
class ManifestsApplyKubeTest {

    @TempDir
    static Path work;

    private static FleetSim fleet;
    private static Kubectl kubectl;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = FleetSim.start(ScenarioReader.defaultScenario(), work.resolve("fleet"));
        kubectl = new Kubectl(fleet.kubeconfig(), Files.createDirectories(work.resolve("kube-cache")));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void theHubAppliesAsLaptopAndThenUpgradesToProductionSizes() {
        Kubectl.Result laptop = kubectl.run("--context", "admin", "apply", "-k",
                DeployTree.root().resolve("hub/overlays/laptop").toString());
        assertThat(laptop.exitCode()).as(laptop.toString()).isZero();
        assertThat(laptop.stdout()).contains("deployment.apps/orchestrator created",
                "poddisruptionbudget.policy/orchestrator created", "persistentvolumeclaim/artifact-store created",
                "serviceaccount/sidecar-roller created",
                "role.rbac.authorization.k8s.io/orchestrator-leader-election created",
                "rolebinding.rbac.authorization.k8s.io/orchestrator-leader-election created");

        Kubectl.Result production = kubectl.run("--context", "admin", "apply", "-k",
                DeployTree.root().resolve("hub/overlays/production").toString());
        assertThat(production.exitCode()).as(production.toString()).isZero();
        assertThat(production.stdout()).contains("deployment.apps/orchestrator configured");

        JsonNode stored = json("admin", "get", "deployment", "orchestrator", "-n", "meshfleet", "-o", "json");
        JsonNode pod = stored.path("spec").path("template").path("spec");
        assertThat(pod.path("automountServiceAccountToken").asBoolean(false)).as("the token for its Lease").isTrue();
        assertThat(stored.path("spec").path("replicas").asInt()).as("active and standby").isEqualTo(2);
        JsonNode role = json("admin", "get", "role", "orchestrator-leader-election", "-n", "meshfleet", "-o", "json");
        assertThat(role.path("rules").size()).isEqualTo(DeployTree.tsv(DeployTree.root().resolve("hub/rbac.tsv")).size());
        assertThat(pod.path("containers").get(0).path("resources").path("requests").path("memory").asText())
                .isEqualTo("2Gi");
        JsonNode names = json("admin", "get", "deployments,services,poddisruptionbudgets,serviceaccounts", "-n",
                "meshfleet", "-o", "json");
        assertThat(names.path("items").findValuesAsText("name"))
                .contains("orchestrator", "artifact-service", "sidecar-roller");
    }

    @Test
    void theAgentAppliesToAUserClusterWithItsDocumentedRole() {
        Kubectl.Result agent = kubectl.run("--context", "user-01", "apply", "-k",
                DeployTree.root().resolve("agent/base").toString());
        assertThat(agent.exitCode()).as(agent.toString()).isZero();
        assertThat(agent.stdout()).contains("clusterrole.rbac.authorization.k8s.io/meshfleet-agent created",
                "clusterrolebinding.rbac.authorization.k8s.io/meshfleet-agent created",
                "deployment.apps/cluster-agent created");

        JsonNode role = json("user-01", "get", "clusterrole", "meshfleet-agent", "-o", "json");
        long documented = DeployTree.tsv(DeployTree.root().resolve("agent/rbac.tsv")).size();
        assertThat(role.path("rules").size()).isEqualTo(documented);
        JsonNode binding = json("user-01", "get", "clusterrolebinding", "meshfleet-agent", "-o", "json");
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("meshfleet-agent");
        List<String> accounts = json("user-01", "get", "serviceaccounts", "-n", "meshfleet-agent", "-o", "json")
                .path("items").findValuesAsText("name");
        assertThat(accounts).contains("cluster-agent");
    }

    private static JsonNode json(String context, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--context";
        full[1] = context;
        System.arraycopy(args, 0, full, 2, args.length);
        Kubectl.Result result = kubectl.run(full);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        try {
            return DeployTree.YAML.readTree(result.stdout());
        } catch (java.io.IOException e) {
            throw new AssertionError(result.toString(), e);
        }
    }
}
