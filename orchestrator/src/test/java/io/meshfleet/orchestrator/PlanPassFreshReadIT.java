package io.meshfleet.orchestrator;

import static io.meshfleet.orchestrator.FleetScript.FROM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.orchestrator.plan.Decision;
import io.meshfleet.orchestrator.plan.PlanState;
import io.meshfleet.orchestrator.rollout.PlanEntity;
import io.meshfleet.orchestrator.rollout.PlanRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A decision pass decides on the plan as last committed, even when its transaction loaded the plan earlier: routing an
 * agent's answer loads the plan ({@code ActivePlans.forAnswer}) before the pass locks it, and another pass may commit
 * in between. Found by the chaos system test: a pass on the stale copy repeated transitions already made (two
 * CLUSTER_STEP entries PENDING -> AWAITING_ARTIFACT for one cluster) and wrote an old rollout over a newer one.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class PlanPassFreshReadIT {

    private static final String PLAN = """
            name: fresh-read
            targetVersion: 1.5.10-asm.2
            fromVersion: 1.6.14-asm.1
            selector: {matchLabels: {suite: fresh-read}}
            waves:
              - {clusters: [fresh-a]}
            """;

    @Inject
    PlanRunner runner;

    @Test
    void aPassSeesWhatAnotherPassCommittedAfterItsTransactionLoadedThePlan() {
        FleetScript.state("fresh-a", ClusterKind.USER, Map.of("suite", "fresh-read"), FROM, FROM);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer())
                .queryParam("label", "suite=fresh-read").get("/api/v1/clusters").then().statusCode(200)
                .body("size()", equalTo(1)));
        String planId = given().auth().oauth2(Tokens.operator()).contentType("application/yaml")
                .body(PLAN.getBytes(StandardCharsets.UTF_8)).post("/api/v1/plans").then().statusCode(201)
                .extract().path("planId");
        PlanExecutionIT.act(planId, "start", Tokens.operator(), 200);

        Decision decision = QuarkusTransaction.requiringNew().call(() -> {
            PlanEntity loaded = PlanEntity.findById(planId); // as routing an answer does
            assertThat(loaded.state).isEqualTo("RUNNING");
            // meanwhile an operator pauses the plan: another pass commits
            CompletableFuture.runAsync(() -> PlanExecutionIT.act(planId, "pause", Tokens.operator(), 200)).join();
            return runner.pass(planId, List.of()).orElseThrow();
        });

        assertThat(decision.next().state()).isEqualTo(PlanState.PAUSED);
        assertThat(PlanExecutionIT.plan(planId).getString("state")).isEqualTo("PAUSED");
    }
}
