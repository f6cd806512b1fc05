package io.meshfleet.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.meshfleet.events.CommandRefused;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.PreflightResult;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.RestartExecuted;
import io.meshfleet.events.RestartWorkloads;
import io.meshfleet.events.Topics;
import io.meshfleet.events.WorkloadKind;
import io.meshfleet.events.WorkloadRef;
import io.meshfleet.events.signing.CommandSigner;
import io.meshfleet.events.signing.SigningKey;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent against the real embedded Kafka broker: commands for its clusters that are unsigned,
 * forged, replayed or misaddressed are refused and each refusal is reported on
 * {@code fleet.agent.events}; a genuine command is accepted.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TrustedKeysTestResource.class)
@QuarkusTestResource(FleetSimTestResource.class)
class CommandGateIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    void unsignedCommandIsRefused() {
        Envelope command = Envelope.of("test/orchestrator", preflight("edge-a"), CLOCK);
        send(command);
        assertThat(refusalOf(command).reason()).isEqualTo(RefusalReason.UNSIGNED);
    }

    @Test
    void commandSignedByAnUnpinnedKeyIsRefused() {
        Envelope forged = new CommandSigner(SigningKey.generate(), CLOCK)
                .sign(Envelope.of("test/intruder", preflight("edge-a"), CLOCK), TTL);
        send(forged);
        assertThat(refusalOf(forged).reason()).isEqualTo(RefusalReason.UNKNOWN_KEY);
    }

    @Test
    void genuineCommandIsAcceptedOnceAndItsReplayRefused() {
        Envelope genuine = signed(preflight("edge-b"));
        send(genuine);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString(
                        "meshfleet_agent_commands_total{cluster=\"edge-b\",outcome=\"accepted\"}")));

        send(genuine);
        CommandRefused replay = refusalOf(genuine);
        assertThat(replay.reason()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(replay.clusterId()).isEqualTo("edge-b");
    }

    @Test
    void commandsSignedByTheOrchestratorAndByTheRollerAreBothAcceptedAndTheAnswersAreNotSigned() {
        Envelope fromOrchestrator = signed(preflight("edge-a"));
        Envelope fromRoller = new CommandSigner(TrustedKeysTestResource.roller(), CLOCK).sign(Envelope.of(
                "test/sidecar-roller", new RestartWorkloads("edge-a", "roll-keys", "no-such-namespace",
                        List.of(new WorkloadRef(WorkloadKind.DEPLOYMENT, "web")), false), CLOCK), TTL);
        assertThat(fromRoller.keyId()).isNotEqualTo(fromOrchestrator.keyId());
        send(fromOrchestrator);
        send(fromRoller);

        Envelope preflightAnswer = TestKafka.awaitEnvelope(Topics.AGENT_EVENTS,
                e -> fromOrchestrator.id().equals(e.correlationId()) && e.data() instanceof PreflightResult);
        Envelope restartAnswer = TestKafka.awaitEnvelope(Topics.AGENT_EVENTS,
                e -> fromRoller.id().equals(e.correlationId()) && e.data() instanceof RestartExecuted);

        assertThat(((RestartExecuted) restartAnswer.data()).rollId()).isEqualTo("roll-keys");
        for (Envelope answer : List.of(preflightAnswer, restartAnswer)) {
            assertThat(answer.signature()).as("the agent signs nothing").isNull();
            assertThat(answer.keyId()).isNull();
            assertThat(answer.nonce()).isNull();
        }
    }

    @Test
    void theAgentIsAssignedOnlyThePartitionsOfItsClusters() {
        String assigned = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.agent-commands.assign-seek", String.class);
        assertThat(assigned).isEqualTo(io.meshfleet.agent.messaging.CommandPartitions.assignSeek(
                java.util.List.of("edge-a", "edge-b"), 3));
        Envelope genuine = signed(preflight("edge-a"));
        int partition = TestKafka.publish(genuine).partition();
        assertThat(partition).as("the producer's partitioner agrees").isEqualTo(
                io.meshfleet.agent.messaging.CommandPartitions.of("edge-a", 3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> TestKafka.awaitEnvelope(Topics.AGENT_EVENTS,
                e -> genuine.id().equals(e.correlationId())));
    }

    @Test
    void anExpiredCommandIsRefused() {
        Clock anHourAgo = Clock.offset(CLOCK, Duration.ofHours(-1));
        Envelope expired = new CommandSigner(TrustedKeysTestResource.issuer(), anHourAgo)
                .sign(Envelope.of("test/orchestrator", preflight("edge-a"), anHourAgo), TTL);
        send(expired);
        assertThat(refusalOf(expired).reason()).isEqualTo(RefusalReason.EXPIRED);
    }

    @Test
    void aCommandChangedAfterSigningIsRefused() {
        Envelope genuine = signed(preflight("edge-a"));
        Envelope tampered = new Envelope(genuine.specversion(), genuine.id(), genuine.type(), genuine.source(),
                genuine.time(), genuine.subject(), genuine.planId(), genuine.correlationId(), genuine.dataversion(),
                new Preflight("edge-a", "1.4.0", "asm-multicloud"), genuine.clusterId(), genuine.notAfter(),
                genuine.nonce(), genuine.keyId(), genuine.signature());
        send(tampered);
        assertThat(refusalOf(tampered).reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void commandWhoseSignedAddressDiffersFromItsDataIsRefused() {
        // Signed for edge-c (not ours), then re-labelled as a command for edge-a: the address is signed.
        Envelope forEdgeC = signed(preflight("edge-c"));
        Envelope relabelled = new Envelope(forEdgeC.specversion(), forEdgeC.id(), forEdgeC.type(), forEdgeC.source(),
                forEdgeC.time(), "edge-a", null, null, forEdgeC.dataversion(), preflight("edge-a"),
                forEdgeC.clusterId(), forEdgeC.notAfter(), forEdgeC.nonce(), forEdgeC.keyId(), forEdgeC.signature());
        send(relabelled);
        assertThat(refusalOf(relabelled).reason()).isEqualTo(RefusalReason.WRONG_ADDRESSEE);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        // Ready once a served cluster's state informers have synced (cluster-state-sync), in the background since boot.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                        .body("checks.name", hasItem("cluster-state-sync")));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    private static Preflight preflight(String clusterId) {
        return new Preflight(clusterId, "1.5.10-asm.2", "asm-multicloud");
    }

    private static Envelope signed(Preflight command) {
        return new CommandSigner(TrustedKeysTestResource.issuer(), CLOCK)
                .sign(Envelope.of("test/orchestrator", command, CLOCK), TTL);
    }

    private static void send(Envelope command) {
        TestKafka.publish(command);
    }

    static CommandRefused refusalOf(Envelope command) {
        return (CommandRefused) TestKafka.awaitEnvelope(Topics.AGENT_EVENTS,
                event -> event.data() instanceof CommandRefused refused && refused.commandId().equals(command.id()))
                .data();
    }
}
