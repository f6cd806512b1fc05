package io.meshfleet.orchestrator;

import static io.meshfleet.orchestrator.FleetScript.FROM;
import static io.meshfleet.orchestrator.FleetScript.TARGET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RunSmokeTests;
import io.meshfleet.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Second half of the restart test: a new orchestrator (this class's own test profile makes Quarkus
 * stop the first application and start another) picks up the plan {@link RestartPart1IT} left in the
 * middle of its canary, from PostgreSQL and its committed Kafka offsets, and finishes it; no command
 * was issued twice, and the audit trail is whole.
 */
@QuarkusTest
@TestProfile(RestartPart2IT.Restarted.class)
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class RestartPart2IT {

    /** A profile of its own, so that this class runs in a freshly started orchestrator. */
    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("meshfleet.test.phase", "after-restart");
        }
    }

    @Test
    void theRestartedOrchestratorFinishesThePlanWithoutRepeatingACommand() {
        String planId = System.getProperty(RestartPart1IT.PLAN_ID);
        assertThat(planId).as("RestartPart1IT must run first in the same JVM: -Dtest='Restart*IT'").isNotNull();
        JsonPath plan = PlanExecutionIT.plan(planId);
        assertThat(plan.getString("state")).isEqualTo("RUNNING");
        assertThat(plan.getString("clusters.find { it.clusterId == 'restart-a' }.step")).isEqualTo("ROLLING_SIDECARS");

        FleetScript.state("restart-a", ClusterKind.USER, RestartPart1IT.LABELS, TARGET, TARGET);
        FleetScript.smokePassed(FleetScript.awaitCommand(RunSmokeTests.class, "restart-a", planId, 1), "web");
        FleetScript.preflightPassed(FleetScript.awaitCommand(Preflight.class, "restart-b", planId, 1));
        FleetScript.installed(FleetScript.awaitCommand(InstallControlPlane.class, "restart-b", planId, 1), true);
        PlanExecutionIT.awaitPlan(planId, "clusters.find { it.clusterId == 'restart-b' }.step",
                "AWAITING_CONTROL_PLANE");
        FleetScript.state("restart-b", ClusterKind.USER, RestartPart1IT.LABELS, TARGET, FROM);
        PlanExecutionIT.awaitPlan(planId, "clusters.find { it.clusterId == 'restart-b' }.step", "ROLLING_SIDECARS");
        FleetScript.state("restart-b", ClusterKind.USER, RestartPart1IT.LABELS, TARGET, TARGET);
        Envelope lastCommand = FleetScript.awaitCommand(RunSmokeTests.class, "restart-b", planId, 1);
        FleetScript.smokePassed(lastCommand, "web");
        PlanExecutionIT.awaitPlan(planId, "state", "SUCCEEDED");

        // One command per step and cluster: re-sends carry the same id (and nonce), never a new command.
        List<Envelope> commands = FleetScript.readUntil(Topics.AGENT_COMMANDS, e -> e.id().equals(lastCommand.id()))
                .stream().map(r -> FleetScript.decode(r.value())).filter(e -> planId.equals(e.planId())).toList();
        Map<String, Long> distinctIds = commands.stream().collect(Collectors.groupingBy(
                e -> e.type() + "@" + e.subject(), Collectors.mapping(Envelope::id,
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
        assertThat(distinctIds).containsOnly(
                Map.entry("meshfleet.Preflight@restart-a", 1L), Map.entry("meshfleet.InstallControlPlane@restart-a", 1L),
                Map.entry("meshfleet.RunSmokeTests@restart-a", 1L), Map.entry("meshfleet.Preflight@restart-b", 1L),
                Map.entry("meshfleet.InstallControlPlane@restart-b", 1L),
                Map.entry("meshfleet.RunSmokeTests@restart-b", 1L));

        List<Map<String, Object>> audit = given().auth().oauth2(Tokens.viewer()).queryParam("plan", planId)
                .queryParam("limit", 1000).get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
                .getList("entries");
        for (String cluster : List.of("restart-a", "restart-b")) {
            assertThat(audit.stream().filter(e -> "CLUSTER_STEP".equals(e.get("type"))
                    && cluster.equals(e.get("clusterId"))).map(e -> e.get("to")).toList()).as(cluster)
                    .containsExactly("AWAITING_ARTIFACT", "PREFLIGHT", "INSTALLING", "AWAITING_CONTROL_PLANE",
                            "ROLLING_SIDECARS", "SMOKE_TESTING", "SUCCEEDED");
        }
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }
}
