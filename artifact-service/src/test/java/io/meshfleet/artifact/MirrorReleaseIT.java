package io.meshfleet.artifact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.meshfleet.artifact.mirror.MirrorRequestEntity;
import io.meshfleet.artifact.mirror.MirrorWorker;
import io.meshfleet.artifact.store.BlobStore;
import io.meshfleet.artifact.testing.ReleaseBucketTestResource;
import io.meshfleet.artifact.testing.ReleaseHttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import io.meshfleet.events.ArtifactEvent;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.MirrorRelease;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.events.ReleaseRejected;
import io.meshfleet.events.ReleaseVerified;
import io.meshfleet.events.Topics;
import io.meshfleet.messaging.testing.TestKafka;
import io.meshfleet.stack.quarkus.KafkaTestResource;
import io.meshfleet.stack.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole mirror against real Kafka, PostgreSQL and an HTTP release bucket: a MirrorRelease command
 * ends in ReleaseVerified events on the artifact events topic, the catalog shows the verification
 * records, and the archives and single files download with matching digests; a tampered archive is
 * rejected and never served; mirroring again changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ReleaseBucketTestResource.class)
class MirrorReleaseIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final String VERSION = ReleaseBucketTestResource.VERSION;

    @Test
    void aReleaseMirroredOverHttpIsVerifiedOnEveryPlatformAndDownloadsWithItsDigest() throws Exception {
        Envelope command = Envelope.of("test/orchestrator",
                new MirrorRelease(VERSION, List.of("linux", "osx", "win"), ReleaseBucketTestResource.baseUrl()), CLOCK);
        TestKafka.publish(command);

        for (String platform : List.of("linux", "osx", "win")) {
            Envelope answer = answerFor(command, platform);
            assertThat(answer.data()).isInstanceOfSatisfying(ReleaseVerified.class, verified -> {
                Path archive = ReleaseBucketTestResource.directory().resolve(verified.archiveName());
                assertThat(verified.sha256()).isEqualTo(sha256(read(archive)));
                assertThat(verified.sizeBytes()).isEqualTo(archive.toFile().length());
                assertThat(verified.source()).isEqualTo(ReleaseBucketTestResource.baseUrl());
                assertThat(verified.index().profiles()).contains("asm-multicloud");

                Response download = given().get("/api/v1/releases/{v}/{p}/archive", VERSION, platform);
                download.then().statusCode(200).header("X-Meshfleet-Sha256", verified.sha256());
                assertThat(sha256(download.asByteArray())).isEqualTo(verified.sha256());

                Response byDigest = given().get("/api/v1/blobs/sha256/{sha}", verified.sha256());
                byDigest.then().statusCode(200);
                assertThat(sha256(byDigest.asByteArray())).isEqualTo(verified.sha256());

                Response istioctl = given().get("/api/v1/releases/{v}/{p}/istioctl", VERSION, platform);
                istioctl.then().statusCode(200).header("X-Meshfleet-Sha256", verified.index().istioctlSha256());
                assertThat(sha256(istioctl.asByteArray())).isEqualTo(verified.index().istioctlSha256());
                assertThat(istioctl.asString()).contains("istioctl " + VERSION + " " + platform);
            });
        }

        given().get("/api/v1/releases/{v}/{p}", VERSION, "linux").then().statusCode(200)
                .body("keyId", equalTo(io.meshfleet.release.verify.ReleaseKeys
                        .load(ReleaseBucketTestResource.releases().publicKey()).keyIds().iterator().next()))
                .body("source", equalTo(ReleaseBucketTestResource.baseUrl()));
        given().get("/api/v1/releases/{v}/linux/files/istio-{v}/manifests/profiles/asm-multicloud.yaml", VERSION, VERSION)
                .then().statusCode(200).body(containsString("profile: asm-multicloud"));
        given().get("/api/v1/releases/{v}/linux/files/istio-{v}/../../../../etc/passwd", VERSION, VERSION)
                .then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/mirrors").then()
                .body("find { it.requestId == '" + command.id() + "' }.status", equalTo("DONE")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("meshfleet_artifacts_mirrored_bytes_total"))
                .body(containsString("meshfleet_artifacts_verification_seconds_count{platform=\"win\"}"));
    }

    @Test
    void mirroringTheSameReleaseAgainFetchesNothingAndChangesNothing() throws Exception {
        String version = ReleaseBucketTestResource.OSX_ONLY_VERSION;
        Envelope first = Envelope.of("test/orchestrator",
                new MirrorRelease(version, List.of("osx"), ReleaseBucketTestResource.directory().toString()), CLOCK);
        TestKafka.publish(first);
        ReleaseVerified verified = (ReleaseVerified) answerFor(first, "osx").data();
        assertThat(verified.source()).isEqualTo(ReleaseBucketTestResource.directory().toString());
        String record = given().get("/api/v1/releases/{v}/osx", version).asString();
        List<Path> blobs = blobs();
        int requestsBefore = ReleaseBucketTestResource.server().requests().size();

        String requestId = "again-" + first.id();
        given().contentType(ContentType.JSON).header("Idempotency-Key", requestId)
                .body("{\"version\":\"" + version + "\",\"platforms\":[\"osx\"],\"source\":\""
                        + ReleaseBucketTestResource.baseUrl() + "\"}")
                .post("/api/v1/mirrors").then().statusCode(202);
        Envelope again = TestKafka.awaitEnvelope(Topics.ARTIFACT_EVENTS,
                envelope -> requestId.equals(envelope.correlationId()));

        assertThat(again.data()).isEqualTo(verified);
        assertThat(given().get("/api/v1/releases/{v}/osx", version).asString()).isEqualTo(record);
        assertThat(blobs()).isEqualTo(blobs);
        assertThat(ReleaseBucketTestResource.server().requests()).hasSize(requestsBefore);
    }

    @Test
    void aTamperedArchiveIsRejectedWithAReasonAndNeverServed() {
        Envelope command = Envelope.of("test/orchestrator", new MirrorRelease(ReleaseBucketTestResource.TAMPERED_VERSION,
                List.of("linux", "win"), ReleaseBucketTestResource.baseUrl()), CLOCK);
        TestKafka.publish(command);

        ReleaseRejected tampered = (ReleaseRejected) answerFor(command, "linux").data();
        assertThat(tampered.reason()).isEqualTo(RejectionReason.SIGNATURE_INVALID);
        assertThat(tampered.detail()).contains("not signed by a pinned key");
        ReleaseRejected missing = (ReleaseRejected) answerFor(command, "win").data();
        assertThat(missing.reason()).isEqualTo(RejectionReason.UNSUPPORTED_PLATFORM);

        given().get("/api/v1/releases/{v}/linux/archive", ReleaseBucketTestResource.TAMPERED_VERSION).then()
                .statusCode(404).body("error", containsString("GET /api/v1/rejections"));
        given().get("/api/v1/rejections").then().statusCode(200)
                .body("find { it.requestId == '" + command.id() + "' && it.platform == 'linux' }.reason",
                        equalTo("SIGNATURE_INVALID"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/mirrors").then()
                .body("find { it.requestId == '" + command.id() + "' }.status", equalTo("FAILED"))
                .body("find { it.requestId == '" + command.id() + "' }.detail", containsString("SIGNATURE_INVALID")));
        given().get("/q/metrics").then()
                .body(containsString("meshfleet_artifacts_rejections_total{reason=\"SIGNATURE_INVALID\"}"));
    }

    @Inject
    BlobStore store;

    @Inject
    MirrorWorker worker;

    @Test
    void aRequestCutShortByACrashIsTakenUpAgainAndItsDownloadResumes() throws Exception {
        String version = ReleaseBucketTestResource.RESUME_VERSION;
        String archiveName = "istio-" + version + "-linux.tar.gz";
        String requestId = "crashed-" + System.nanoTime();
        // What a crash mid-download leaves: the request RUNNING, the first kilobyte in its work file.
        QuarkusTransaction.requiringNew().run(() -> {
            MirrorRequestEntity row = new MirrorRequestEntity();
            row.requestId = requestId;
            row.version = version;
            row.platforms = List.of("linux");
            row.source = ReleaseBucketTestResource.baseUrl();
            row.status = "RUNNING";
            row.requestedBy = "test/before-the-crash";
            row.requestedAt = java.time.Instant.now();
            row.persist();
        });
        byte[] archive = read(ReleaseBucketTestResource.directory().resolve(archiveName));
        Files.write(store.incoming(requestId, archiveName), java.util.Arrays.copyOf(archive, 1024));

        worker.wake(); // what the start of the service does with a RUNNING request

        Envelope verified = TestKafka.awaitEnvelope(Topics.ARTIFACT_EVENTS,
                envelope -> requestId.equals(envelope.correlationId()));
        assertThat(((ReleaseVerified) verified.data()).sha256()).isEqualTo(sha256(archive));
        assertThat(ReleaseBucketTestResource.server().requests())
                .contains(new ReleaseHttpServer.Request("/asm/" + archiveName, "bytes=1024-"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/mirrors").then()
                .body("find { it.requestId == '" + requestId + "' }.status", equalTo("DONE")));
    }

    private static Envelope answerFor(Envelope command, String platform) {
        return TestKafka.awaitEnvelope(Topics.ARTIFACT_EVENTS, envelope -> command.id().equals(envelope.correlationId())
                && platform.equals(platformOf(envelope)));
    }

    private static String platformOf(Envelope envelope) {
        ArtifactEvent event = (ArtifactEvent) envelope.data();
        return event instanceof ReleaseVerified verified ? verified.platform() : ((ReleaseRejected) event).platform();
    }

    private static List<Path> blobs() throws Exception {
        try (Stream<Path> all = Files.walk(ReleaseBucketTestResource.store().resolve("blobs"))) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
