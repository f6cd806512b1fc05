package io.meshfleet.orchestrator;

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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Bad records on {@code fleet.cluster.state} are dead-lettered with their reason while the consumer
 * keeps going: the good report sent after them is recorded, and a duplicate of it is dropped.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class PoisonMessagesIT {

    private static final EnvelopeCodec CODEC = TestKafka.CODEC;
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void everyKindOfBadRecordIsDeadLetteredAndTheGoodOneProcessedOnce() {
        Envelope good = Envelope.of("test/agent", InventoryIT.state("edge-poison", 1, "1.6.14-asm.1"), CLOCK);
        List<Poison> poisons = new ArrayList<>(PoisonRecords.of(good, "clusterId", 65536));
        poisons.add(new Poison("unexpected type", CODEC.encode(Envelope.of("test/orchestrator",
                new MirrorRelease("1.5.10-asm.2", List.of("linux"), "/srv/r"), CLOCK)),
                DeadLetter.Reason.UNEXPECTED_TYPE));

        PoisonDrill drill = PoisonDrill.send(Topics.CLUSTER_STATE, "edge-poison", poisons);
        TestKafka.publish(good);
        RecordMetadata duplicate = TestKafka.publish(good);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters/edge-poison")
                .then().statusCode(200).body("observedGeneration", equalTo(1)));
        DeadLetterCheck.assertDeadLettered(duplicate, CODEC.encode(good), DeadLetter.Reason.DUPLICATE, "orchestrator");
        drill.assertDeadLettered("orchestrator", "cluster-state", given().get("/q/metrics").then().extract().asString());
    }
}
