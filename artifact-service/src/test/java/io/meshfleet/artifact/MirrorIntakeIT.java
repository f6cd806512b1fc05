package io.meshfleet.artifact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;

import io.meshfleet.events.Envelope;
import io.meshfleet.events.MirrorRelease;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.events.ReleaseRejected;
import io.meshfleet.events.Topics;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.meshfleet.stack.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The artifact-service against the real embedded Kafka broker and PostgreSQL: mirror requests from
 * Kafka and REST are queued once; invalid ones are rejected with a reason on
 * {@code fleet.artifact.events}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class MirrorIntakeIT {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void requestFromKafkaIsQueuedOnceEvenWhenDelivered() {
        Envelope first = Envelope.of("test/orchestrator",
                new MirrorRelease("1.5.10-asm.2", List.of("linux", "osx"), "/srv/releases"), CLOCK);
        send(first);
        send(first); // a duplicate delivery of the same message id
        Envelope second = Envelope.of("test/orchestrator",
                new MirrorRelease("1.5.10-asm.2", List.of("win"), "https://releases.example/asm"), CLOCK);
        send(second); // same key, so it is consumed after the duplicate

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/mirrors")
                .then().statusCode(200).body("requestId", hasItem(second.id())));
        given().get("/api/v1/mirrors").then()
                .body("findAll { it.requestId == '" + first.id() + "' }", hasSize(1))
                .body("find { it.requestId == '" + first.id() + "' }.requestedBy", equalTo("test/orchestrator"));
        // Nothing was carried into /srv/releases: the mirror says so and what to do.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/mirrors").then()
                .body("find { it.requestId == '" + first.id() + "' }.status", equalTo("FAILED"))
                .body("find { it.requestId == '" + first.id() + "' }.detail",
                        org.hamcrest.Matchers.containsString("copy the release files there")));
    }

    @Test
    void invalidRequestFromKafkaIsRejectedWithAReasonAPersonCanActOn() {
        Envelope bad = Envelope.of("test/orchestrator",
                new MirrorRelease("../../etc", List.of("solaris"), "relative/dir"), CLOCK);
        send(bad);

        Envelope answer = TestKafka.awaitAnswer(Topics.ARTIFACT_EVENTS, bad);
        ReleaseRejected rejected = (ReleaseRejected) answer.data();
        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_REQUEST);
        assertThat(rejected.detail()).contains("version '../../etc'", "platform 'solaris'", "source 'relative/dir'");
        assertThat(answer.source()).isEqualTo("meshfleet/artifact-service");
    }

    @Test
    void restIntakeValidatesAndIsIdempotentByKey() {
        given().contentType(ContentType.JSON)
                .body("{\"version\":\"1.5.10\",\"platforms\":[\"linux\"],\"source\":\"ftp://x\"}")
                .post("/api/v1/mirrors").then().statusCode(400).body("problems[0]", org.hamcrest.Matchers.containsString("ftp://x"));
        String body = "{\"version\":\"1.5.10-asm.2\",\"platforms\":[\"linux\"],\"source\":\"/mnt/carried-in\"}";
        given().contentType(ContentType.JSON).header("Idempotency-Key", "ticket-4711").body(body)
                .post("/api/v1/mirrors").then().statusCode(202).body("requestId", equalTo("ticket-4711"))
                .body("duplicate", equalTo(false));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "ticket-4711").body(body)
                .post("/api/v1/mirrors").then().statusCode(202).body("duplicate", equalTo(true));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/v1/mirrors"));
    }

    private static void send(Envelope command) {
        TestKafka.publish(command);
    }
}
