package io.meshfleet.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.Preflight;
import io.meshfleet.events.RefusalReason;
import io.meshfleet.events.Topics;
import io.meshfleet.events.signing.CommandSigner;
import io.meshfleet.messaging.testing.PoisonDrill;
import io.meshfleet.messaging.testing.PoisonRecords;
import io.meshfleet.messaging.testing.PoisonRecords.Poison;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Bad records on {@code fleet.agent.commands} are dead-lettered with their reason while the agent
 * keeps going: the genuine command sent after them is accepted, a misaddressed one is refused,
 * reported and dead-lettered, and a second delivery of the genuine one is refused as a replay.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(TrustedKeysTestResource.class)
@QuarkusTestResource(FleetSimTestResource.class)
class PoisonMessagesIT {

    private static final EnvelopeCodec CODEC = TestKafka.CODEC;
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String CLUSTER = "edge-a";

    @Test
    void everyKindOfBadRecordIsDeadLetteredAndTheGenuineCommandAcceptedOnce() {
        CommandSigner signer = new CommandSigner(TrustedKeysTestResource.issuer(), CLOCK);
        Envelope genuine = signer.sign(Envelope.of("test/orchestrator",
                new Preflight(CLUSTER, "1.5.10-asm.2", "asm-multicloud"), CLOCK), Duration.ofMinutes(5));
        Envelope forOtherCluster = signer.sign(Envelope.of("test/orchestrator",
                new Preflight("edge-z", "1.5.10-asm.2", "asm-multicloud"), CLOCK), Duration.ofMinutes(5));
        Envelope misaddressed = new Envelope(forOtherCluster.specversion(), forOtherCluster.id(),
                forOtherCluster.type(), forOtherCluster.source(), forOtherCluster.time(), CLUSTER, null, null,
                forOtherCluster.dataversion(), new Preflight(CLUSTER, "1.5.10-asm.2", "asm-multicloud"),
                forOtherCluster.clusterId(), forOtherCluster.notAfter(), forOtherCluster.nonce(),
                forOtherCluster.keyId(), forOtherCluster.signature());

        List<Poison> poisons = new ArrayList<>(PoisonRecords.of(genuine, "clusterId", 65536));
        poisons.add(new Poison("unexpected type", CODEC.encode(Envelope.of("test/agent",
                new ClusterState(CLUSTER, 1, ClusterKind.USER, Map.of(), null, new ControlPlaneState(null, List.of()),
                        List.of(), CLOCK.instant()), CLOCK)), DeadLetter.Reason.UNEXPECTED_TYPE));
        poisons.add(new Poison("addressed to another cluster", CODEC.encode(misaddressed),
                DeadLetter.Reason.MISADDRESSED));

        PoisonDrill drill = PoisonDrill.send(Topics.AGENT_COMMANDS, CLUSTER, poisons);
        TestKafka.publish(genuine);
        TestKafka.publish(genuine);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(Matchers.containsString("meshfleet_agent_commands_total{cluster=\"edge-a\",outcome=\"accepted\"}")));
        assertThat(CommandGateIT.refusalOf(genuine).reason()).isEqualTo(RefusalReason.REPLAYED);

        drill.assertDeadLettered("cluster-agent", "agent-commands", given().get("/q/metrics").then().extract().asString());
    }
}
