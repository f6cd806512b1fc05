package io.meshfleet.fleetctl.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetctl release verify} agrees with the real {@code openssl dgst -sha256 -verify} on good and bad inputs. */
class VerifyReleaseCommandTest {

    @TempDir
    static Path dir;
    static Path archive;

    @BeforeAll
    static void release() throws Exception {
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        run("openssl", "ec", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.pem");
        run("openssl", "ec", "-in", "other.pem", "-pubout", "-out", "other-pub.pem");
        Files.createDirectories(dir.resolve("istio-1.5.10-asm.2/bin"));
        Files.writeString(dir.resolve("istio-1.5.10-asm.2/bin/istioctl"), "#!/bin/sh\n");
        run("tar", "-czf", "release.tar.gz", "istio-1.5.10-asm.2");
        archive = dir.resolve("release.tar.gz");
        run("openssl", "dgst", "-sha256", "-sign", "key.pem", "-out", "release.tar.gz.1.sig", "release.tar.gz");
    }

    @Test
    void aGoodArchivePrintsVerifiedOkLikeOpenssl() throws Exception {
        assertAgrees(archive, dir.resolve("release.tar.gz.1.sig"), dir.resolve("pub.pem"), 0, "Verified OK");
    }

    @Test
    void tamperedTruncatedWrongKeyAndGarbageAreVerificationFailuresLikeOpenssl() throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        Path signature = dir.resolve("release.tar.gz.1.sig");
        byte[] sig = Files.readAllBytes(signature);

        byte[] tampered = bytes.clone();
        tampered[tampered.length / 2] ^= 1;
        assertAgrees(Files.write(dir.resolve("tampered.tar.gz"), tampered), signature, dir.resolve("pub.pem"), 1,
                "Verification failure");
        assertAgrees(Files.write(dir.resolve("truncated.tar.gz"), Arrays.copyOf(bytes, bytes.length - 10)), signature,
                dir.resolve("pub.pem"), 1, "Verification failure");
        assertAgrees(archive, signature, dir.resolve("other-pub.pem"), 1, "Verification failure");
        byte[] garbage = new byte[sig.length];
        new Random(3).nextBytes(garbage);
        assertAgrees(archive, Files.write(dir.resolve("garbage.sig"), garbage), dir.resolve("pub.pem"), 1,
                "Verification failure");
        assertAgrees(archive, Files.write(dir.resolve("short.sig"), Arrays.copyOf(sig, 20)), dir.resolve("pub.pem"), 1,
                "Verification failure");
    }

    @Test
    void theSeedsOpensslSpellingWorksToo() {
        CommandRun run = CommandRun.of(new Fleetctl(Clock.systemUTC(), Map.of()), "release", "verify",
                "-verify", dir.resolve("pub.pem").toString(), "-signature", dir.resolve("release.tar.gz.1.sig").toString(),
                archive.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Verified OK\n");
    }

    @Test
    void withoutAKeyGooglesPinnedKeyIsUsedAndOurTestKeyIsNotTrusted() {
        CommandRun run = fleetctl(archive, dir.resolve("release.tar.gz.1.sig"), null);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Verification failure\n");
        assertThat(run.err()).contains("no pinned key");
    }

    @Test
    void missingFilesAndBadKeysAreExitCodeTwoWithTheReason() {
        CommandRun missing = fleetctl(dir.resolve("nope.tar.gz"), dir.resolve("release.tar.gz.1.sig"), dir.resolve("pub.pem"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        CommandRun badKey = fleetctl(archive, dir.resolve("release.tar.gz.1.sig"), archive);
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("cannot load the key");
        CommandRun help = CommandRun.of(new Fleetctl(Clock.systemUTC(), Map.of()), "release", "verify", "--help");
        assertThat(help.out()).contains("Examples:", "fleetctl release verify istio-1.5.10-asm.2-linux.tar.gz");
    }

    private static void assertAgrees(Path file, Path signature, Path key, int expectedExit, String expectedOut)
            throws Exception {
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", key.toString(), "-signature",
                signature.toString(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String opensslOut;
        try (InputStream in = openssl.getInputStream()) {
            opensslOut = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        CommandRun ours = fleetctl(file, signature, key);
        assertThat(ours.exitCode()).as("fleetctl exit").isEqualTo(expectedExit);
        assertThat(openssl.exitValue()).as("openssl exit").isEqualTo(expectedExit);
        assertThat(ours.out().strip()).isEqualTo(expectedOut);
        if (expectedExit == 0 || !ours.err().contains("strict DER")) {
            assertThat(opensslOut.strip()).isEqualTo(expectedOut);
        } else {
            // openssl 3 prints "Error verifying data" on stderr, nothing on stdout, for a signature it cannot parse.
            assertThat(opensslOut).isEmpty();
        }
    }

    private static CommandRun fleetctl(Path file, Path signature, Path key) {
        List<String> args = new ArrayList<>(List.of("release", "verify", file.toString(), "--signature", signature.toString()));
        if (key != null) {
            args.add("--key");
            args.add(key.toString());
        }
        return CommandRun.of(new Fleetctl(Clock.systemUTC(), Map.of()), args.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
    }
}
