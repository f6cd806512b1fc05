package io.meshfleet.roller;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.events.DeadLetter;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.EnvelopeCodec;
import io.meshfleet.events.MirrorRelease;
import io.meshfleet.events.Topics;
import io.meshfleet.messaging.testing.DeadLetterCheck;
import io.meshfleet.messaging.testing.PoisonDrill;
import io.meshfleet.messaging.testing.PoisonRecords;
import io.meshfleet.messaging.testing.PoisonRecords.Poison;
import io.meshfleet.stack.probe.KafkaProbe;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Bad records on both topics the roller reads are dead-lettered with their reason while its
 * consumers keep going: the good state report and roll command sent after them are processed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PoisonMessagesIT {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void everyKindOfBadRecordIsDeadLetteredAndTheGoodOnesProcessedOnce() {
        Envelope goodState = Envelope.of("test/agent", RollProgressIT.state("edge-poison", 1), CLOCK);
        Envelope goodRoll = RollProgressIT.roll("edge-poison");
        Poison unexpected = new Poison("unexpected type", CODEC.encode(Envelope.of("test/orchestrator",
                new MirrorRelease("1.5.10-asm.2", List.of("linux"), "/srv/r"), CLOCK)),
                DeadLetter.Reason.UNEXPECTED_TYPE);
        List<Poison> statePoisons = new ArrayList<>(PoisonRecords.of(goodState, "clusterId", 65536));
        statePoisons.add(unexpected);
        List<Poison> rollPoisons = new ArrayList<>(PoisonRecords.of(goodRoll, "targetProxyVersion", 65536));
        rollPoisons.add(unexpected);

        try (KafkaProbe kafka = new KafkaProbe(KafkaTestResource.bootstrapServers())) {
            PoisonDrill stateDrill = PoisonDrill.send(kafka, Topics.CLUSTER_STATE, "edge-poison", statePoisons);
            kafka.send(Topics.CLUSTER_STATE, "edge-poison", CODEC.encode(goodState));
            RecordMetadata duplicateState = kafka.send(Topics.CLUSTER_STATE, "edge-poison", CODEC.encode(goodState));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/clusters/edge-poison")
                    .then().statusCode(200).body("observedGeneration", equalTo(1)));

            PoisonDrill rollDrill = PoisonDrill.send(kafka, Topics.ROLLER_COMMANDS, "edge-poison", rollPoisons);
            kafka.send(Topics.ROLLER_COMMANDS, "edge-poison", CODEC.encode(goodRoll));
            RecordMetadata duplicateRoll = kafka.send(Topics.ROLLER_COMMANDS, "edge-poison", CODEC.encode(goodRoll));
            kafka.readUntil(Topics.ROLLER_EVENTS,
                    record -> goodRoll.id().equals(CODEC.decode(record.value()).correlationId()), Duration.ofSeconds(30));

            DeadLetterCheck.assertDeadLettered(kafka, duplicateState, CODEC.encode(goodState),
                    DeadLetter.Reason.DUPLICATE, "sidecar-roller");
            DeadLetterCheck.assertDeadLettered(kafka, duplicateRoll, CODEC.encode(goodRoll),
                    DeadLetter.Reason.DUPLICATE, "sidecar-roller");
            String metrics = given().get("/q/metrics").then().extract().asString();
            stateDrill.assertDeadLettered(kafka, "sidecar-roller", "cluster-state", metrics);
            rollDrill.assertDeadLettered(kafka, "sidecar-roller", "roller-commands", metrics);
        }
    }
}
