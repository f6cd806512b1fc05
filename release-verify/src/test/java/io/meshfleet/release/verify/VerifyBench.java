package io.meshfleet.release.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (profile {@code bench}): verifying a 256 MiB archive with meshfleet versus
 * {@code openssl dgst -sha256 -verify} on the same file in the same run, best of five each, and
 * the heap that meshfleet's verification used. Run: {@code ./mvnw -pl release-verify -Pbench test}.
 */
class VerifyBench {

    private static final int MIB = 1 << 20;
    private static final int SIZE_MIB = Integer.getInteger("bench.mib", 256);
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void verifyAsFastAsOpensslWithFlatHeap() throws Exception {
        Path archive = dir.resolve("archive.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            byte[] chunk = new byte[MIB];
            Random random = new Random(1);
            for (int i = 0; i < SIZE_MIB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir.resolve("key.pem").toString());
        run("openssl", "ec", "-in", dir.resolve("key.pem").toString(), "-pubout", "-out", dir.resolve("pub.pem").toString());
        run("openssl", "dgst", "-sha256", "-sign", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("archive.1.sig").toString(), archive.toString());
        byte[] signature = Files.readAllBytes(dir.resolve("archive.1.sig"));
        ReleaseVerifier verifier = new ReleaseVerifier(ReleaseKeys.load(dir.resolve("pub.pem")));

        long bestOurs = Long.MAX_VALUE;
        long bestOpenssl = Long.MAX_VALUE;
        long peakHeapGrowth = 0;
        for (int round = 0; round < ROUNDS; round++) {
            System.gc();
            resetPeaks();
            long heapBefore = heapUsed();
            long start = System.nanoTime();
            assertThat(verifier.verify(archive, signature).verified()).isTrue();
            bestOurs = Math.min(bestOurs, System.nanoTime() - start);
            peakHeapGrowth = Math.max(peakHeapGrowth, peakHeap() - heapBefore);

            start = System.nanoTime();
            String out = run("openssl", "dgst", "-sha256", "-verify", dir.resolve("pub.pem").toString(), "-signature",
                    dir.resolve("archive.1.sig").toString(), archive.toString());
            bestOpenssl = Math.min(bestOpenssl, System.nanoTime() - start);
            assertThat(out).contains("Verified OK");
        }
        double ours = SIZE_MIB / (bestOurs / 1e9);
        double openssl = SIZE_MIB / (bestOpenssl / 1e9);
        System.out.printf("[bench] verify %d MiB: meshfleet %.0f ms (%.0f MiB/s), openssl %.0f ms (%.0f MiB/s), "
                        + "ratio %.2f; heap growth during verify at most %.1f MiB (file %d MiB)%n",
                SIZE_MIB, bestOurs / 1e6, ours, bestOpenssl / 1e6, openssl, ours / openssl,
                peakHeapGrowth / (double) MIB, SIZE_MIB);
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

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
