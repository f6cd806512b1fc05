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
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.meshfleet.stack.quarkus.PostgresTestResource;
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
 * consumers keep going: the good state report and roll command sent after them are processed, and a
 * repeated roll command is dead-lettered as a duplicate (its id is kept in PostgreSQL).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PoisonMessagesIT {

    private static final EnvelopeCodec CODEC = TestKafka.CODEC;
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

        PoisonDrill stateDrill = PoisonDrill.send(Topics.CLUSTER_STATE, "edge-poison", statePoisons);
        TestKafka.publish(goodState);
        // A repeated state report is not a duplicate to dead-letter: every roller process rereads the
        // compacted topic from its start, and a report no newer than the one held changes nothing.
        TestKafka.publish(goodState);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/clusters/edge-poison")
                .then().statusCode(200).body("observedGeneration", equalTo(1)));

        PoisonDrill rollDrill = PoisonDrill.send(Topics.ROLLER_COMMANDS, "edge-poison", rollPoisons);
        TestKafka.publish(goodRoll);
        RecordMetadata duplicateRoll = TestKafka.publish(goodRoll);
        TestKafka.awaitAnswer(Topics.ROLLER_EVENTS, goodRoll);

        DeadLetterCheck.assertDeadLettered(duplicateRoll, CODEC.encode(goodRoll), DeadLetter.Reason.DUPLICATE,
                "sidecar-roller");
        String metrics = given().get("/q/metrics").then().extract().asString();
        stateDrill.assertDeadLettered("sidecar-roller", "cluster-state", metrics);
        rollDrill.assertDeadLettered("sidecar-roller", "roller-commands", metrics);
    }
}
