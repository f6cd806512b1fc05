package io.meshfleet.artifact;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.meshfleet.events.ClusterKind;
import io.meshfleet.events.ClusterState;
import io.meshfleet.events.ControlPlaneState;
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
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Bad records on {@code fleet.artifact.commands} are dead-lettered with their reason while the
 * consumer keeps going: the good request sent after them is queued, and a duplicate of it is dropped.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PoisonMessagesIT {

    private static final EnvelopeCodec CODEC = TestKafka.CODEC;
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void everyKindOfBadRecordIsDeadLetteredAndTheGoodOneProcessedOnce() {
        Envelope good = Envelope.of("test/orchestrator",
                new MirrorRelease("1.5.10-asm.9", List.of("linux"), "/srv/poison"), CLOCK);
        List<Poison> poisons = new ArrayList<>(PoisonRecords.of(good, "version", 65536));
        poisons.add(new Poison("unexpected type", CODEC.encode(Envelope.of("test/agent",
                new ClusterState("edge-a", 1, ClusterKind.USER, Map.of(), null, new ControlPlaneState(null, List.of()),
                        List.of(), CLOCK.instant()), CLOCK)),
                DeadLetter.Reason.UNEXPECTED_TYPE));

        PoisonDrill drill = PoisonDrill.send(Topics.ARTIFACT_COMMANDS, "1.5.10-asm.9", poisons);
        TestKafka.publish(good);
        RecordMetadata duplicate = TestKafka.publish(good);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/mirrors")
                .then().statusCode(200).body("requestId", hasItem(good.id())));
        DeadLetterCheck.assertDeadLettered(duplicate, CODEC.encode(good), DeadLetter.Reason.DUPLICATE,
                "artifact-service");
        drill.assertDeadLettered("artifact-service", "artifact-commands",
                given().get("/q/metrics").then().extract().asString());
    }
}
