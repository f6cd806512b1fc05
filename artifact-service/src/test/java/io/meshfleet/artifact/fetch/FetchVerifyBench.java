package io.meshfleet.artifact.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.artifact.testing.RealReleases;
import io.meshfleet.artifact.testing.ReleaseHttpServer;
import io.meshfleet.release.verify.ReleaseKeys;
import io.meshfleet.release.verify.ReleaseVerifier;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (profile {@code bench}): the artifact-service's own path for a 256 MiB archive (fetch from a
 * directory source or over loopback HTTP into the work file, hashing each chunk as it is written, then
 * the signature check) against {@code openssl dgst -sha256 -verify} reading the same file, best of three,
 * with the heap the fetch used. Run: {@code ./mvnw -pl artifact-service -am -Pbench test -Dtest=FetchVerifyBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FetchVerifyBench {

    private static final int MIB = 1 << 20;
    private static final int SIZE_MIB = Integer.getInteger("bench.mib", 256);
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void fetchAndVerifyKeepsUpWithOpensslWithFlatHeap() throws Exception {
        Path bucket = Files.createDirectories(dir.resolve("bucket"));
        Path archive = bucket.resolve("istio-1.5.10-asm.2-linux.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            byte[] chunk = new byte[MIB];
            Random random = new Random(1);
            for (int i = 0; i < SIZE_MIB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        RealReleases keys = RealReleases.withNewKey(dir.resolve("keys"));
        Path signatureFile = keys.sign(archive);
        byte[] signature = Files.readAllBytes(signatureFile);
        ReleaseVerifier verifier = new ReleaseVerifier(ReleaseKeys.load(keys.publicKey()));
        ReleaseFetcher fetcher = new ReleaseFetcher(Duration.ofSeconds(30));

        try (ReleaseHttpServer server = ReleaseHttpServer.serve(bucket)) {
            ReleaseSource directory = new DirectoryReleaseSource(bucket);
            ReleaseSource http = new HttpReleaseSource(server.baseUrl(), HttpClient.newHttpClient(), Duration.ofSeconds(30));
            long bestDirectory = Long.MAX_VALUE;
            long bestHttp = Long.MAX_VALUE;
            long bestOpenssl = Long.MAX_VALUE;
            long peakHeapDirectory = 0;
            long peakHeapHttp = 0;
            long bestHash = Long.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                for (ReleaseSource source : new ReleaseSource[] {directory, http}) {
                    Path work = dir.resolve("work-" + round);
                    Files.deleteIfExists(work);
                    System.gc();
                    resetPeaks();
                    long heapBefore = heapUsed();
                    long start = System.nanoTime();
                    ReleaseFetcher.Fetched fetched = fetcher.fetch(source, archive.getFileName().toString(), work,
                            Long.MAX_VALUE, n -> { });
                    assertThat(verifier.verifyDigest(fetched.sha256(), fetched.size(), signature).verified()).isTrue();
                    long took = System.nanoTime() - start;
                    bestHash = Math.min(bestHash, fetched.hashNanos());
                    long growth = peakHeap() - heapBefore;
                    if (source == directory) {
                        bestDirectory = Math.min(bestDirectory, took);
                        peakHeapDirectory = Math.max(peakHeapDirectory, growth);
                    } else {
                        bestHttp = Math.min(bestHttp, took);
                        peakHeapHttp = Math.max(peakHeapHttp, growth);
                    }
                    Files.delete(work);
                }
                long start = System.nanoTime();
                assertThat(RealReleases.opensslVerifies(archive, keys.publicKey())).isTrue();
                bestOpenssl = Math.min(bestOpenssl, System.nanoTime() - start);
            }
            System.out.printf("[bench] fetch+verify %d MiB into the work file: directory source %.0f ms (%.0f MiB/s),"
                            + " loopback HTTP %.0f ms (%.0f MiB/s); openssl dgst -verify (read only) %.0f ms (%.0f MiB/s);"
                            + " of which hashing %.0f ms (%.0f MiB/s); peak heap above the start (garbage included) directory %.1f MiB, HTTP %.1f MiB%n",
                    SIZE_MIB, bestDirectory / 1e6, SIZE_MIB / (bestDirectory / 1e9), bestHttp / 1e6,
                    SIZE_MIB / (bestHttp / 1e9), bestOpenssl / 1e6, SIZE_MIB / (bestOpenssl / 1e9),
                    bestHash / 1e6, SIZE_MIB / (bestHash / 1e9),
                    peakHeapDirectory / (double) MIB, peakHeapHttp / (double) MIB);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
