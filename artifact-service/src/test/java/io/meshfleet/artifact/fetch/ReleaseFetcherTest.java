package io.meshfleet.artifact.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshfleet.artifact.testing.ReleaseHttpServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming, resumable, size-bounded downloads over real HTTP and from a directory. */
class ReleaseFetcherTest {

    private static final String NAME = "istio-1.5.10-asm.2-linux.tar.gz";
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    Path tmp;

    private Path served;
    private byte[] content;
    private ReleaseHttpServer server;
    private HttpReleaseSource source;
    private final ReleaseFetcher fetcher = new ReleaseFetcher(Duration.ofMillis(500));

    @BeforeEach
    void serve() throws IOException {
        served = Files.createDirectories(tmp.resolve("bucket"));
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        Files.write(served.resolve(NAME), content);
        server = ReleaseHttpServer.serve(served);
        source = new HttpReleaseSource(server.baseUrl(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsWholeFileAndHashesWhatItKeeps() throws Exception {
        AtomicLong received = new AtomicLong();
        ReleaseFetcher.Fetched fetched = fetcher.fetch(source, NAME, tmp.resolve("work"), SIZE, received::addAndGet);

        assertThat(fetched.size()).isEqualTo(SIZE);
        assertThat(fetched.resumedFrom()).isZero();
        assertThat(fetched.sha256()).isEqualTo(sha256(content));
        assertThat(Files.readAllBytes(fetched.file())).isEqualTo(content);
        assertThat(received).hasValue(SIZE);
    }

    @Test
    void aDroppedConnectionIsResumedWithARangeRequest() throws Exception {
        server.dropOnceAfter(NAME, 1_000_000);
        Path work = tmp.resolve("work");
        assertThatThrownBy(() -> fetcher.fetch(source, NAME, work, SIZE, n -> { }))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.problem()).isEqualTo(FetchException.Problem.UNAVAILABLE));
        long kept = Files.size(work);
        assertThat(kept).isPositive().isLessThan(SIZE);

        ReleaseFetcher.Fetched fetched = fetcher.fetch(source, NAME, work, SIZE, n -> { });

        assertThat(fetched.resumedFrom()).isEqualTo(kept);
        assertThat(fetched.sha256()).isEqualTo(sha256(content));
        assertThat(server.requests()).last().extracting(ReleaseHttpServer.Request::range).isEqualTo("bytes=" + kept + "-");
    }

    @Test
    void aServerIgnoringRangeSendsEverythingAgainAndTheDigestIsStillRight() throws Exception {
        Path work = tmp.resolve("work");
        Files.write(work, java.util.Arrays.copyOf(content, 500_000));
        server.honourRange(false);

        ReleaseFetcher.Fetched fetched = fetcher.fetch(source, NAME, work, SIZE, n -> { });

        assertThat(fetched.resumedFrom()).isZero();
        assertThat(fetched.size()).isEqualTo(SIZE);
        assertThat(fetched.sha256()).isEqualTo(sha256(content));
    }

    @Test
    void aWorkFileLongerThanTheSourceFileStartsOver() throws Exception {
        Path work = tmp.resolve("work");
        Files.write(work, new byte[SIZE + 10]);

        ReleaseFetcher.Fetched fetched = fetcher.fetch(source, NAME, work, SIZE + 100, n -> { });

        assertThat(fetched.sha256()).isEqualTo(sha256(content));
    }

    @Test
    void aFileOverTheBoundIsRefusedFromItsContentLengthAndNothingIsKept() {
        Path work = tmp.resolve("work");
        assertThatThrownBy(() -> fetcher.fetch(source, NAME, work, SIZE - 1, n -> { }))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.problem()).isEqualTo(FetchException.Problem.TOO_LARGE);
                    assertThat(e.getMessage()).contains("max-archive-bytes");
                });
        assertThat(work).doesNotExist();
    }

    @Test
    void aFileOverTheBoundWithoutContentLengthIsCutOffAtTheBound() {
        server.chunked(true);
        Path work = tmp.resolve("work");
        AtomicLong received = new AtomicLong();
        assertThatThrownBy(() -> fetcher.fetch(source, NAME, work, 1_000_000, received::addAndGet))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.problem()).isEqualTo(FetchException.Problem.TOO_LARGE));
        assertThat(work).doesNotExist();
        assertThat(received.get()).isLessThanOrEqualTo(1_000_000);
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThatThrownBy(() -> fetcher.fetch(source, "istio-9.9.9-linux.tar.gz", tmp.resolve("w"), SIZE, n -> { }))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.problem()).isEqualTo(FetchException.Problem.NOT_FOUND));
    }

    @Test
    void aStalledDownloadIsAbortedAndResumable() throws Exception {
        server.stallOnceAfter(NAME, 200_000);
        Path work = tmp.resolve("work");
        assertThatThrownBy(() -> fetcher.fetch(source, NAME, work, SIZE, n -> { }))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.problem()).isEqualTo(FetchException.Problem.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("no data for");
                });

        ReleaseFetcher.Fetched fetched = fetcher.fetch(source, NAME, work, SIZE, n -> { });
        assertThat(fetched.resumedFrom()).isEqualTo(200_000);
        assertThat(fetched.sha256()).isEqualTo(sha256(content));
    }

    @Test
    void aDirectorySourceResumesToo() throws Exception {
        DirectoryReleaseSource directory = new DirectoryReleaseSource(served);
        Path work = tmp.resolve("work");
        Files.write(work, java.util.Arrays.copyOf(content, 700_000));

        ReleaseFetcher.Fetched fetched = fetcher.fetch(directory, NAME, work, SIZE, n -> { });

        assertThat(fetched.resumedFrom()).isEqualTo(700_000);
        assertThat(fetched.sha256()).isEqualTo(sha256(content));
    }

    @Test
    void aDirectorySourceRefusesNamesLeavingTheDirectoryAndSaysWhatIsMissing() {
        DirectoryReleaseSource directory = new DirectoryReleaseSource(served);
        assertThatThrownBy(() -> directory.open("../bucket/" + NAME, 0))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.problem()).isEqualTo(FetchException.Problem.NOT_FOUND));
        DirectoryReleaseSource absent = new DirectoryReleaseSource(tmp.resolve("not-carried-in"));
        assertThatThrownBy(() -> absent.open(NAME, 0))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.problem()).isEqualTo(FetchException.Problem.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("does not exist", "copy the release files there");
                });
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
