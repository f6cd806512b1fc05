package io.meshfleet.orchestrator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.events.Envelope;
import io.meshfleet.stack.KafkaBroker;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator across a crash of the real Kafka broker: readiness goes DOWN while the broker is
 * gone and UP again after, and every report the broker acknowledged before the crash is recorded.
 */
@QuarkusTest
@QuarkusTestResource(SharedKafka.class)
@QuarkusTestResource(AppDatabase.class)
@QuarkusTestResource(TestSigningKey.class)
class BrokerRestartIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final int REPORTS = 20;

    @Test
    void acknowledgedReportsSurviveABrokerCrashAndReadinessFollowsTheBroker() {
        KafkaBroker broker = KafkaTestResource.broker();
        for (int i = 0; i < REPORTS; i++) {
            TestKafka.publish(Envelope.of("test/agent", InventoryIT.state("crash-" + i, 1, "1.6.14-asm.1"), CLOCK));
        }
        broker.kill();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(503).body("status", equalTo("DOWN")));

        broker.start();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP")));
        for (int i = 0; i < REPORTS; i++) {
            String cluster = "crash-" + i;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters/" + cluster)
                    .then().statusCode(200).body("observedGeneration", equalTo(1)));
        }

        // The consumer is live again, not just caught up: a report sent after the crash arrives too.
        TestKafka.publish(Envelope.of("test/agent", InventoryIT.state("after-crash", 2, "1.5.10-asm.2"), CLOCK));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.viewer()).get("/api/v1/clusters/after-crash")
                .then().statusCode(200).body("meshVersion", equalTo("1.5.10-asm.2")));
    }
}
