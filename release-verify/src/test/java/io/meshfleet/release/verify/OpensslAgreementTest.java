package io.meshfleet.release.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshfleet.release.verify.ReleaseVerdict.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every verdict agrees with the real {@code openssl dgst -sha256 -verify}, on archives and
 * signatures made by the real {@code openssl}: good, tampered, truncated, wrong key, garbage and
 * each way a DER signature can be bent.
 */
class OpensslAgreementTest {

    /** The longest DER encoding of a P-256 signature, and what openssl dgst reads of a signature file at most. */
    private static final int MAX_P256_DER = 72;
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @TempDir
    static Path dir;
    static Path archive;
    static Path publicKey;
    static Path otherPublicKey;
    static byte[] signature;

    @BeforeAll
    static void signWithOpenssl() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to compare verdicts");
        archive = dir.resolve("istio-1.5.10-asm.2-linux.tar.gz");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Files.write(archive, content);
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir.resolve("key.pem").toString());
        run("openssl", "ec", "-in", dir.resolve("key.pem").toString(), "-pubout", "-out", dir.resolve("pub.pem").toString());
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir.resolve("other.pem").toString());
        run("openssl", "ec", "-in", dir.resolve("other.pem").toString(), "-pubout", "-out",
                dir.resolve("other-pub.pem").toString());
        run("openssl", "dgst", "-sha256", "-sign", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("archive.1.sig").toString(), archive.toString());
        publicKey = dir.resolve("pub.pem");
        otherPublicKey = dir.resolve("other-pub.pem");
        signature = Files.readAllBytes(dir.resolve("archive.1.sig"));
    }

    static Stream<Arguments> cases() throws Exception {
        DerSignature sig = DerSignature.parse(signature);
        return Stream.of(
                Arguments.of("good", (UnaryOperator<byte[]>) a -> a, (UnaryOperator<byte[]>) s -> s, null),
                Arguments.of("tampered archive", flipByte(1000), same(), Failure.NO_MATCHING_KEY),
                Arguments.of("truncated archive", (UnaryOperator<byte[]>) a -> Arrays.copyOf(a, a.length - 1), same(),
                        Failure.NO_MATCHING_KEY),
                Arguments.of("empty archive", (UnaryOperator<byte[]>) a -> new byte[0], same(), Failure.NO_MATCHING_KEY),
                Arguments.of("garbage signature", same(), (UnaryOperator<byte[]>) s -> "not a signature\n"
                        .getBytes(StandardCharsets.US_ASCII), Failure.MALFORMED_SIGNATURE),
                Arguments.of("empty signature", same(), (UnaryOperator<byte[]>) s -> new byte[0],
                        Failure.MALFORMED_SIGNATURE),
                Arguments.of("trailing byte after the signature", same(),
                        (UnaryOperator<byte[]>) s -> Arrays.copyOf(s, s.length + 1), Failure.MALFORMED_SIGNATURE),
                Arguments.of("truncated signature", same(), (UnaryOperator<byte[]>) s -> Arrays.copyOf(s, s.length - 1),
                        Failure.MALFORMED_SIGNATURE),
                Arguments.of("BER long-form length", same(), (UnaryOperator<byte[]>) OpensslAgreementTest::longFormLength,
                        Failure.MALFORMED_SIGNATURE),
                Arguments.of("superfluous leading zero in r", same(),
                        (UnaryOperator<byte[]>) s -> padded(sig), Failure.MALFORMED_SIGNATURE),
                Arguments.of("r + n (out of range)", same(),
                        (UnaryOperator<byte[]>) s -> new DerSignature(sig.r().add(P256_ORDER), sig.s()).encode(),
                        Failure.MALFORMED_SIGNATURE),
                Arguments.of("s = 0", same(),
                        (UnaryOperator<byte[]>) s -> new DerSignature(sig.r(), BigInteger.ZERO).encode(),
                        Failure.MALFORMED_SIGNATURE),
                Arguments.of("s negated", same(),
                        (UnaryOperator<byte[]>) s -> new DerSignature(sig.r(), sig.s().negate()).encode(),
                        Failure.MALFORMED_SIGNATURE),
                Arguments.of("n - s (the other valid-looking s)", same(),
                        (UnaryOperator<byte[]>) s -> new DerSignature(sig.r(), P256_ORDER.subtract(sig.s())).encode(),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdictAgreesWithOpenssl(String name, UnaryOperator<byte[]> archiveEdit, UnaryOperator<byte[]> signatureEdit,
            Failure expected) throws Exception {
        Path file = dir.resolve(name.replaceAll("[^a-z0-9]+", "-") + ".bin");
        Path sig = dir.resolve(name.replaceAll("[^a-z0-9]+", "-") + ".sig");
        Files.write(file, archiveEdit.apply(Files.readAllBytes(archive)));
        Files.write(sig, signatureEdit.apply(signature.clone()));

        ReleaseVerdict verdict = verify(ReleaseKeys.load(publicKey), file, sig);
        Result openssl = run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature", sig.toString(),
                file.toString());

        // openssl exits 0 with "Verified OK", else 1 ("Verification failure" for a well-formed signature that
        // does not match, "Error verifying data" or "Error reading signature file" for a malformed one).
        assertThat(openssl.exit).isIn(0, 1);
        if (name.startsWith("trailing byte") && signature.length == MAX_P256_DER) {
            // The one deliberate difference: openssl dgst reads only EVP_PKEY_size (72) bytes of the signature
            // file, so after a maximum-length signature it never sees the junk; meshfleet reads the whole file
            // and refuses it, as strict DER requires.
            assertThat(openssl.output).contains("Verified OK");
            assertThat(verdict.verified()).isFalse();
        } else {
            assertThat(verdict.verified()).as("meshfleet verified %s", name).isEqualTo(openssl.exit == 0);
            assertThat(openssl.output.contains("Verified OK")).isEqualTo(verdict.verified());
        }
        assertThat(verdict.failure()).isEqualTo(expected);
        assertThat(verdict.size()).isEqualTo(Files.size(file));
    }

    @Test
    void aKeyThatIsNotPinnedIsRefusedLikeOpensslRefusesIt() throws Exception {
        Path sig = dir.resolve("archive.1.sig");
        ReleaseVerdict verdict = verify(ReleaseKeys.load(otherPublicKey), archive, sig);
        Result openssl = run("openssl", "dgst", "-sha256", "-verify", otherPublicKey.toString(), "-signature",
                sig.toString(), archive.toString());

        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.failure()).isEqualTo(Failure.NO_MATCHING_KEY);
        assertThat(verdict.detail()).contains("not pinned");
        assertThat(openssl.exit).isEqualTo(1);
    }

    @Test
    void withSeveralPinnedKeysTheVerdictNamesTheKeyThatSigned() throws Exception {
        ReleaseKeys keys = ReleaseKeys.googleAsm().with(ReleaseKeys.load(otherPublicKey))
                .with(ReleaseKeys.load(publicKey));

        ReleaseVerdict verdict = verify(keys, archive, dir.resolve("archive.1.sig"));

        assertThat(verdict.verified()).isTrue();
        assertThat(verdict.keyId()).isEqualTo(List.copyOf(ReleaseKeys.load(publicKey).keyIds()).get(0));
        assertThat(keys.keyIds()).hasSize(3);
        Result sha = run("openssl", "dgst", "-sha256", "-r", archive.toString());
        assertThat(sha.output).startsWith(verdict.sha256Hex());
    }

    @Test
    void theKeptBytesAreExactlyTheVerifiedBytes() throws Exception {
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(archive)) {
            ReleaseVerdict verdict = new ReleaseVerifier(ReleaseKeys.load(publicKey)).verify(in, signature, kept);
            assertThat(verdict.verified()).isTrue();
        }
        assertThat(kept.toByteArray()).isEqualTo(Files.readAllBytes(archive));
    }

    private static ReleaseVerdict verify(ReleaseKeys keys, Path file, Path sig) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ReleaseVerifier(keys).verify(in, Files.readAllBytes(sig));
        }
    }

    private static UnaryOperator<byte[]> same() {
        return b -> b;
    }

    private static UnaryOperator<byte[]> flipByte(int index) {
        return a -> {
            a[index] ^= 0x01;
            return a;
        };
    }

    /** The same signature with its SEQUENCE length in BER long form (0x81 len). */
    private static byte[] longFormLength(byte[] der) {
        byte[] out = new byte[der.length + 1];
        out[0] = der[0];
        out[1] = (byte) 0x81;
        out[2] = der[1];
        System.arraycopy(der, 2, out, 3, der.length - 2);
        return out;
    }

    /** r with an extra 0x00 in front, which DER forbids when the next byte's high bit is clear. */
    private static byte[] padded(DerSignature sig) {
        byte[] r = sig.r().toByteArray();
        byte[] s = sig.s().toByteArray();
        byte[] rPadded = new byte[r.length + 1];
        System.arraycopy(r, 0, rPadded, 1, r.length);
        if (r[0] == 0) {
            // Already padded (high bit set): pad once more, now superfluous.
            rPadded = new byte[r.length + 1];
            System.arraycopy(r, 0, rPadded, 1, r.length);
        }
        int body = 2 + rPadded.length + 2 + s.length;
        byte[] out = new byte[2 + body];
        out[0] = 0x30;
        out[1] = (byte) body;
        out[2] = 0x02;
        out[3] = (byte) rPadded.length;
        System.arraycopy(rPadded, 0, out, 4, rPadded.length);
        out[4 + rPadded.length] = 0x02;
        out[5 + rPadded.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + rPadded.length, s.length);
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
