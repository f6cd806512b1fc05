package io.meshfleet.sim.controllers;

import static io.meshfleet.sim.store.BuiltInResources.DEPLOYMENTS;
import static io.meshfleet.sim.store.BuiltInResources.POD_DISRUPTION_BUDGETS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshfleet.sim.store.Json;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status of PodDisruptionBudgets follows their spec and the readiness of the pods they select. */
class DisruptionBudgetControllerTest {

    private static final String SCENARIO = """
            clusters:
              - name: c1
                mesh: {version: 1.6.14-asm.1}
                namespaces:
                  - name: shop
                    injection: true
                    workloads:
                      - {kind: Deployment, name: web, replicas: 4}
                      - {kind: Deployment, name: api, replicas: 2}
            """;

    private final TestCluster cluster = TestCluster.of(SCENARIO);

    @AfterEach
    void close() {
        cluster.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // field, value, desiredHealthy, disruptionsAllowed over 4 ready pods
            "minAvailable, 3, 3, 1",
            "minAvailable, 4, 4, 0",
            "minAvailable, 50%, 2, 2",
            "maxUnavailable, 1, 3, 1",
            "maxUnavailable, 0, 4, 0",
            "maxUnavailable, 30%, 2, 2",
    })
    void statusIsComputedFromTheSpecAndTheReadyPods(String field, String value, int desired, int allowed) {
        ObjectNode pdb = budget("web-pdb", "web");
        if (value.endsWith("%")) {
            ((ObjectNode) pdb.get("spec")).put(field, value);
        } else {
            ((ObjectNode) pdb.get("spec")).put(field, Integer.parseInt(value));
        }
        cluster.store.create(POD_DISRUPTION_BUDGETS, "shop", pdb);
        cluster.scheduler.runUntilIdle();

        JsonNode status = cluster.get(POD_DISRUPTION_BUDGETS, "shop", "web-pdb").path("status");
        assertThat(status.path("expectedPods").asInt()).isEqualTo(4);
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(4);
        assertThat(status.path("desiredHealthy").asInt()).isEqualTo(desired);
        assertThat(status.path("disruptionsAllowed").asInt()).isEqualTo(allowed);
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(status.at("/conditions/0/type").asText()).isEqualTo("DisruptionAllowed");
        assertThat(status.at("/conditions/0/status").asText()).isEqualTo(allowed > 0 ? "True" : "False");
    }

    @Test
    void aSpecChangeAndPodsGoingDownAndComingBackUpdateTheStatus() {
        ObjectNode pdb = budget("api-pdb", "api");
        ((ObjectNode) pdb.get("spec")).put("minAvailable", 1);
        cluster.store.create(POD_DISRUPTION_BUDGETS, "shop", pdb);
        cluster.scheduler.runUntilIdle();
        assertThat(status("api-pdb").path("disruptionsAllowed").asInt()).isEqualTo(1);

        cluster.store.edit(POD_DISRUPTION_BUDGETS, "shop", "api-pdb",
                b -> b.withObjectProperty("spec").put("minAvailable", 2));
        cluster.scheduler.runUntilIdle();
        assertThat(status("api-pdb").path("disruptionsAllowed").asInt()).isEqualTo(0);
        assertThat(status("api-pdb").path("observedGeneration").asLong()).isEqualTo(2);

        cluster.store.edit(POD_DISRUPTION_BUDGETS, "shop", "api-pdb",
                b -> b.withObjectProperty("spec").put("minAvailable", 1));
        cluster.scheduler.runUntilIdle();
        assertThat(status("api-pdb").path("disruptionsAllowed").asInt()).isEqualTo(1);

        // A rollout restart replaces the pods: while a new one is not ready yet, the budget allows nothing.
        cluster.restart(DEPLOYMENTS, "shop", "api");
        cluster.advance(Duration.ofSeconds(3));
        assertThat(status("api-pdb").path("currentHealthy").asInt()).isLessThan(
                status("api-pdb").path("expectedPods").asInt());
        cluster.advance(Duration.ofMinutes(3));
        JsonNode after = status("api-pdb");
        assertThat(after.path("expectedPods").asInt()).isEqualTo(2);
        assertThat(after.path("currentHealthy").asInt()).isEqualTo(2);
        assertThat(after.path("disruptionsAllowed").asInt()).isEqualTo(1);
    }

    @Test
    void aBudgetSelectingNoPodsAllowsNone() {
        ObjectNode pdb = budget("ghost-pdb", "ghost");
        ((ObjectNode) pdb.get("spec")).put("minAvailable", 1);
        cluster.store.create(POD_DISRUPTION_BUDGETS, "shop", pdb);
        cluster.scheduler.runUntilIdle();

        JsonNode status = status("ghost-pdb");
        assertThat(status.path("expectedPods").asInt()).isZero();
        assertThat(status.path("disruptionsAllowed").asInt()).isZero();
    }

    private JsonNode status(String name) {
        return cluster.get(POD_DISRUPTION_BUDGETS, "shop", name).path("status");
    }

    private static ObjectNode budget(String name, String app) {
        ObjectNode pdb = Json.object().put("apiVersion", "policy/v1").put("kind", "PodDisruptionBudget");
        pdb.putObject("metadata").put("name", name).put("namespace", "shop");
        pdb.putObject("spec").putObject("selector").putObject("matchLabels").put("app", app);
        return pdb;
    }
}
