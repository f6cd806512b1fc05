package io.meshfleet.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Without leader election (the default for local runs, the demo and these tests) the one orchestrator is the
 * active instance, and says so in its health checks and metrics. The election itself is tested against fleet-sim
 * in {@code leader.LeaseElectionKubeTest}.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class LeadershipIT {

    @Test
    void theSingleInstanceIsActiveInHealthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("orchestrator-leadership"))
                .body("checks.find { it.name == 'orchestrator-leadership' }.data.role", equalTo("ACTIVE"))
                .body("checks.find { it.name == 'orchestrator-leadership' }.data.election", equalTo("disabled"));
        given().get("/q/health/group/leadership").then().statusCode(200)
                .body("checks.find { it.name == 'orchestrator-active' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("meshfleet_orchestrator_leader 1.0"));
    }
}
