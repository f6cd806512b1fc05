package io.meshfleet.roller;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.NamespaceProgress;
import io.meshfleet.events.NamespaceState;
import io.meshfleet.events.PodPhase;
import io.meshfleet.events.PodState;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.SidecarLimits;
import io.meshfleet.events.Topics;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.WorkloadState;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.meshfleet.stack.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sidecar-roller against the real embedded Kafka broker: it follows the agents' state reports
 * and answers {@code RollSidecars} with the progress of the injected namespaces on
 * {@code fleet.roller.events}, having restarted what is not at the target proxy yet.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RollProgressIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String TARGET = "1.5.10-asm.2";

    @Test
    void rollIsAnsweredWithTheConvergenceOfEveryInjectedNamespace() {
        ClusterState state = state("edge-r", 3);
        TestKafka.publish(Envelope.of("test/agent", state, CLOCK));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/clusters/edge-r")
                .then().statusCode(200).body("observedGeneration", equalTo(3)));

        Envelope roll = roll("edge-r");
        TestKafka.publish(roll);

        Envelope answer = TestKafka.awaitAnswer(Topics.ROLLER_EVENTS, roll); // the first answer: shop, not kube-system
        assertThat(answer.planId()).isEqualTo("plan-7");
        // web (one pod at the old proxy) restarted: 2 pods; web-1 converged; cart-1 at the target but still pending.
        assertThat(answer.data()).isEqualTo(new NamespaceProgress("plan-7", "edge-r", "shop", 2, 1, 3, 2));
        Envelope restart = TestKafka.awaitEnvelope(Topics.AGENT_COMMANDS, e -> "edge-r".equals(e.clusterId()));
        assertThat(restart.isSigned()).isTrue();
        assertThat(restart.data()).isEqualTo(new RestartWorkloads("edge-r", "plan-7", "shop",
                List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web")), false));
    }

    static Envelope roll(String clusterId) {
        return Envelope.of("test/orchestrator",
                new RollSidecars("plan-7", clusterId, List.of(), TARGET, new SidecarLimits(100, 60, "25%"), 600), CLOCK)
                .withPlan("plan-7");
    }

    static ClusterState state(String clusterId, long generation) {
        PodState converged = new PodState("web-1", PodPhase.RUNNING, 2, 2, 0, TARGET, "ReplicaSet", "web-1a");
        PodState old = new PodState("web-2", PodPhase.RUNNING, 2, 2, 0, "1.6.14-asm.1", "ReplicaSet", "web-1a");
        PodState starting = new PodState("cart-1", PodPhase.PENDING, 0, 2, 0, TARGET, "ReplicaSet", "cart-9");
        PodState dns = new PodState("coredns-1", PodPhase.RUNNING, 1, 1, 0, null, "ReplicaSet", "coredns-7");
        return new ClusterState(clusterId, generation, ClusterKind.USER, Map.of(), "1.5.10-asm.2",
                new ControlPlaneState(TARGET, List.of()),
                // kube-system (not injected) comes first: were it wrongly reported, its answer would come first.
                List.of(new NamespaceState("kube-system", false, List.of(
                                new WorkloadState(WorkloadKind.DEPLOYMENT, "coredns", 1, List.of(dns)))),
                        new NamespaceState("shop", true, List.of(
                                new WorkloadState(WorkloadKind.DEPLOYMENT, "web", 2, List.of(converged, old)),
                                new WorkloadState(WorkloadKind.DEPLOYMENT, "cart", 1, List.of(starting))))),
                CLOCK.instant());
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
