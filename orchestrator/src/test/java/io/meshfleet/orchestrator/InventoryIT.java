package io.meshfleet.orchestrator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.messaging.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator against the real embedded Kafka broker and PostgreSQL: state reports published
 * on {@code fleet.cluster.state} land in the inventory (Flyway schema) and come out of the REST API.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class InventoryIT {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void stateReportIsRecordedAndAStaleOneIsDropped() {
        publish(state("edge-a", 5, "1.6.14-asm.1"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters/edge-a")
                .then().statusCode(200)
                .body("meshVersion", equalTo("1.6.14-asm.1"))
                .body("observedGeneration", equalTo(5))
                .body("clusterKind", equalTo("USER"))
                .body("labels.env", equalTo("prod"))
                .body("workloadPods", equalTo(2))
                .body("workloadReadyPods", equalTo(1))
                .body("proxyVersions", hasKey("1.6.14-asm.1"))
                .body("controlPlaneReadyPods", equalTo(1)));

        // An older generation arriving late (a redelivery or an overtaken report) must not win.
        publish(state("edge-a", 4, "1.5.10-asm.2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> staleReportsCounted() >= 1);
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters/edge-a").then().statusCode(200)
                .body("meshVersion", equalTo("1.6.14-asm.1"))
                .body("observedGeneration", equalTo(5));

        given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters").then().statusCode(200).body("clusterId", hasItem("edge-a"));
    }

    @Test
    void unknownClusterIsA404ThatSaysWhatToCheck() {
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters/nowhere").then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/v1/clusters"));
    }

    private static double staleReportsCounted() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("meshfleet_inventory_reports_total") && line.contains("outcome=\"stale\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void publish(ClusterState state) {
        TestKafka.publish(Envelope.of("test/agent", state, CLOCK));
    }

    static ClusterState state(String clusterId, long generation, String version) {
        PodState istiod = new PodState("istiod-7d9c", PodPhase.RUNNING, 1, 1, 0, null, "ReplicaSet", "istiod-7d");
        PodState ready = new PodState("web-1", PodPhase.RUNNING, 2, 2, 0, version, "ReplicaSet", "web-5f");
        PodState starting = new PodState("web-2", PodPhase.PENDING, 0, 2, 0, version, "ReplicaSet", "web-5f");
        return new ClusterState(clusterId, generation, ClusterKind.USER, Map.of("env", "prod"), version,
                new ControlPlaneState(version, List.of(istiod)),
                List.of(new NamespaceState("shop", true,
                        List.of(new WorkloadState(WorkloadKind.DEPLOYMENT, "web", 2, List.of(ready, starting))))),
                CLOCK.instant());
    }
}
