package io.meshfleet.fleetctl.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import io.meshfleet.fleetctl.api.StubService;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetctl release mirror} and {@code release list} against an HTTP stand-in for the artifact-service's API. */
class MirrorAndListCommandTest {

    private static final String RELEASE = """
            [{"version":"1.5.10-asm.2","platform":"linux","archiveName":"istio-1.5.10-asm.2-linux.tar.gz",
              "sha256":"4d1f5c8a2b7e9f0312d4c6b8a0e2f4d6c8b0a2e4f6d8c0b2a4e6f8d0c2b4a6e8","sizeBytes":52428800,
              "keyId":"ecdsa-p256:1a2b3c4d5e6f7a8b","source":"/mnt/carried-in","verifiedAt":"2026-11-27T03:00:00Z"}]""";

    @TempDir
    Path home;
    private StubService service;

    @BeforeEach
    void start() throws Exception {
        service = new StubService();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void mirrorPostsTheRequestWithAnIdempotencyKeyAndTheToken() {
        service.on("POST", "/api/v1/mirrors", 202, "{\"requestId\":\"k-1\",\"duplicate\":false}");

        CommandRun run = fleetctl(Map.of("MESHFLEET_ARTIFACT_URL", service.url(), "MESHFLEET_TOKEN", "t0ken"),
                "release", "mirror", "--version", "1.5.10-asm.2", "--source", "/mnt/carried-in", "-p", "linux,osx",
                "--idempotency-key", "k-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("mirror request k-1 queued for 1.5.10-asm.2 [linux, osx]");
        StubService.Seen post = service.seen().get(0);
        assertThat(post.body()).isEqualTo(
                "{\"version\":\"1.5.10-asm.2\",\"platforms\":[\"linux\",\"osx\"],\"source\":\"/mnt/carried-in\"}");
        assertThat(post.header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(post.header("Authorization")).isEqualTo("Bearer t0ken");
    }

    @Test
    void mirrorWaitFollowsTheRequestUntilItEndsAndFailsWhenAPlatformWasRejected() {
        service.on("POST", "/api/v1/mirrors", 202, "{\"requestId\":\"k-2\",\"duplicate\":false}");
        AtomicInteger polls = new AtomicInteger();
        service.on("GET", "/api/v1/mirrors", () -> new StubService.Answer(200, polls.incrementAndGet() < 3
                ? "[{\"requestId\":\"k-2\",\"status\":\"RUNNING\"}]"
                : "[{\"requestId\":\"k-2\",\"status\":\"FAILED\",\"detail\":\"linux: SIGNATURE_INVALID: not signed by a pinned key\"}]"));

        CommandRun run = fleetctl(Map.of(), "release", "mirror", "--artifact-url", service.url(), "--version", "1.5.10-asm.2",
                "--source", "https://mirror.example/asm", "--wait");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED:", "  linux: SIGNATURE_INVALID: not signed by a pinned key");
        assertThat(polls).hasValue(3);
    }

    @Test
    void mirrorRefusedByTheServiceShowsItsProblems() {
        service.on("POST", "/api/v1/mirrors", 400, "{\"problems\":[\"version '../x' is not a release name\"]}");

        CommandRun run = fleetctl(Map.of("MESHFLEET_ARTIFACT_URL", service.url()), "release", "mirror", "--version", "../x",
                "--source", "/srv");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("answered 400: version '../x' is not a release name");
    }

    @Test
    void listPrintsTheVerificationRecordsAsATableOrJson() {
        service.on("GET", "/api/v1/releases", 200, RELEASE);

        CommandRun table = fleetctl(Map.of("MESHFLEET_ARTIFACT_URL", service.url()), "release", "list");
        assertThat(table.exitCode()).isZero();
        assertThat(table.outLines()).containsExactly(
                "VERSION       PLATFORM  SHA256            SIZE      KEY                          VERIFIED              SOURCE",
                "1.5.10-asm.2  linux     4d1f5c8a2b7e9f03  50.0 MiB  ecdsa-p256:1a2b3c4d5e6f7a8b  2026-11-27T03:00:00Z  /mnt/carried-in");

        CommandRun json = fleetctl(Map.of("MESHFLEET_ARTIFACT_URL", service.url()), "release", "list", "-o", "json");
        assertThat(json.out()).contains("\"keyId\" : \"ecdsa-p256:1a2b3c4d5e6f7a8b\"");
    }

    @Test
    void theConfigFileGivesTheUrlWhenNeitherOptionNorEnvironmentDoes() throws Exception {
        service.on("GET", "/api/v1/rejections", 200, "[]");
        Path config = Files.createDirectories(home.resolve(".config/meshfleet")).resolve("fleetctl.properties");
        Files.writeString(config, "artifact-url=" + service.url() + "\n");

        CommandRun run = fleetctl(Map.of("HOME", home.toString()), "release", "list", "--rejections");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no rejections");
    }

    @Test
    void anUnreachableServiceSaysHowToPointFleetctlAtIt() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        CommandRun run = fleetctl(Map.of("HOME", home.toString()), "release", "list", "--artifact-url",
                "http://127.0.0.1:" + freePort);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach the artifact-service at http://127.0.0.1:" + freePort,
                "--artifact-url, MESHFLEET_ARTIFACT_URL");
    }

    @Test
    void aMissingTokenIsExplained() {
        service.on("GET", "/api/v1/releases", 401, "");
        CommandRun run = fleetctl(Map.of("MESHFLEET_ARTIFACT_URL", service.url(), "HOME", home.toString()), "release", "list");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no token given; pass --token or set MESHFLEET_TOKEN");
    }

    private CommandRun fleetctl(Map<String, String> environment, String... args) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putIfAbsent("HOME", home.toString());
        return CommandRun.of(new Fleetctl(Clock.systemUTC(), env), args);
    }
}
