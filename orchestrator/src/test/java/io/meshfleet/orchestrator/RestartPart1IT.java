package io.meshfleet.orchestrator;

import static io.meshfleet.orchestrator.FleetScript.FROM;
import static io.meshfleet.orchestrator.FleetScript.TARGET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.InstallControlPlane;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.RollSidecars;
import io.meshfleet.events.Topics;
import io.meshfleet.events.signing.CommandVerifier;
import io.meshfleet.events.signing.ReplayGuard;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * First half of the restart test: starts a plan and leaves its canary in the middle of its sidecar
 * roll; {@link RestartPart2IT} (another test profile, so Quarkus stops this orchestrator and starts a
 * new one on the same broker and database) finishes it. Also shows that a command re-sent after a
 * crash between the broker's ack and the outbox mark is byte-identical, so an agent refuses it as a replay.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class RestartPart1IT {

    static final String PLAN_ID = "meshfleet.it.restart.plan";
    static final Map<String, String> LABELS = Map.of("suite", "restart");
    static final String PLAN = """
            targetVersion: 1.5.10-asm.2
            selector: {matchLabels: {suite: restart}}
            waves:
              - {clusters: [restart-a]}
              - {clusters: [restart-b]}
            smokeTests:
              - {name: web, kind: HTTP, url: "http://web.shop/healthz"}
            """;

    @Test
    void aPlanIsLeftInTheMiddleOfItsCanary() throws Exception {
        FleetScript.releaseVerified(TARGET, 'a');
        FleetScript.state("restart-a", ClusterKind.USER, LABELS, FROM, FROM);
        FleetScript.state("restart-b", ClusterKind.USER, LABELS, FROM, FROM);
        String planId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Tokens.operator())
                .contentType("application/yaml").body(PLAN.getBytes(StandardCharsets.UTF_8)).post("/api/v1/plans")
                .then().extract().path("planId"), id -> id != null);
        PlanExecutionIT.act(planId, "start", Tokens.operator(), 200);
        Envelope preflight = FleetScript.awaitCommand(Preflight.class, "restart-a", planId, 1);

        // A crash after the broker acknowledged the command but before the outbox row was marked sent:
        // the relay sends the row again, and the copy is the same message, down to its nonce and signature.
        try (Connection su = AppDatabase.superuser();
                PreparedStatement unmark = su.prepareStatement("UPDATE outbox SET sent_at = NULL WHERE message_id = ?")) {
            unmark.setObject(1, UUID.fromString(preflight.id()));
            assertThat(unmark.executeUpdate()).isEqualTo(1);
        }
        AtomicInteger copies = new AtomicInteger();
        List<ConsumerRecord<String, byte[]>> read = FleetScript.readUntil(Topics.AGENT_COMMANDS,
                e -> e.id().equals(preflight.id()) && copies.incrementAndGet() == 2);
        List<byte[]> both = read.stream().filter(r -> FleetScript.decode(r).id().equals(preflight.id()))
                .map(ConsumerRecord::value).toList();
        assertThat(both).hasSize(2);
        assertThat(both.get(1)).isEqualTo(both.get(0));
        CommandVerifier agent = new CommandVerifier(TestSigningKey.trusted(), Clock.systemUTC(), Duration.ofMinutes(30),
                "restart-a", new ReplayGuard(), io.meshfleet.messaging.testing.TestKafka.CODEC);
        assertThat(agent.verify(FleetScript.decode(both.get(0))).accepted()).isTrue();
        assertThat(agent.verify(FleetScript.decode(both.get(1))).reason()).isEqualTo(RefusalReason.REPLAYED);

        FleetScript.preflightPassed(preflight);
        FleetScript.installed(FleetScript.awaitCommand(InstallControlPlane.class, "restart-a", planId, 1), true);
        PlanExecutionIT.awaitPlan(planId, "clusters.find { it.clusterId == 'restart-a' }.step",
                "AWAITING_CONTROL_PLANE");
        FleetScript.state("restart-a", ClusterKind.USER, LABELS, TARGET, FROM);
        FleetScript.awaitCommand(RollSidecars.class, "restart-a", planId, 1);
        PlanExecutionIT.awaitPlan(planId, "clusters.find { it.clusterId == 'restart-a' }.step", "ROLLING_SIDECARS");
        given().auth().oauth2(Tokens.viewer()).get("/api/v1/plans/" + planId).then().body("state", equalTo("RUNNING"));
        System.setProperty(PLAN_ID, planId);
    }
}
