package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files and signatures, cross-checked against the real openssl in both directions. */
class ReleaseSigningKeyTest {

    @TempDir
    Path work;

    @Test
    void opensslReadsThePemFilesAsAP256Pair() throws Exception {
        ReleaseSigningKey key = ReleaseSigningKey.generate();
        key.writePrivateKeyPem(work.resolve("key.pem"));
        key.writePublicKeyPem(work.resolve("pub.pem"));

        ProcessRun derived = openssl("pkey", "-in", "key.pem", "-pubout");
        ProcessRun text = openssl("pkey", "-pubin", "-in", "pub.pem", "-noout", "-text");

        assertThat(derived.exitCode()).as(derived.toString()).isZero();
        assertThat(derived.stdout()).isEqualTo(key.publicKeyPem());
        assertThat(text.stdout()).contains("prime256v1").contains("P-256");
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(key.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.getPosixFilePermissions(work.resolve("key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theFingerprintIsTheSha256OfTheDerPublicKeyOpensslWrites() throws Exception {
        ReleaseSigningKey key = ReleaseSigningKey.generate();
        key.writePublicKeyPem(work.resolve("pub.pem"));

        ProcessRun der = openssl("pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der");
        ProcessRun digest = openssl("dgst", "-sha256", "-r", "pub.der");

        assertThat(der.exitCode()).as(der.toString()).isZero();
        assertThat(digest.stdout()).startsWith(key.fingerprint() + " ");
        assertThat(key.toString()).contains(key.fingerprint());
    }

    @Test
    void signaturesGoBothWaysBetweenJavaAndOpenssl() throws Exception {
        ReleaseSigningKey key = ReleaseSigningKey.generate();
        key.writePrivateKeyPem(work.resolve("key.pem"));
        key.writePublicKeyPem(work.resolve("pub.pem"));
        Path file = work.resolve("payload.bin");
        Files.write(file, "istio-1.5.10-asm.2 ".repeat(10_000).getBytes(StandardCharsets.US_ASCII));

        Path javaSignature = key.writeSignature(file);
        ProcessRun opensslVerify = openssl("dgst", "-sha256", "-verify", "pub.pem", "-signature",
                javaSignature.getFileName().toString(), "payload.bin");
        ProcessRun opensslSign = openssl("dgst", "-sha256", "-sign", "key.pem", "-out", "openssl.sig", "payload.bin");

        assertThat(javaSignature.getFileName().toString()).isEqualTo("payload.bin.1.sig");
        assertThat(opensslVerify.stdout().strip()).as(opensslVerify.toString()).isEqualTo("Verified OK");
        assertThat(opensslSign.exitCode()).as(opensslSign.toString()).isZero();
        assertThat(key.verify(Files.readAllBytes(file), Files.readAllBytes(work.resolve("openssl.sig")))).isTrue();
        assertThat(key.sign(file)).satisfies(signature ->
                assertThat(key.verify(Files.readAllBytes(file), signature)).isTrue());
        assertThat(key.verify("other".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(javaSignature))).isFalse();
    }

    @Test
    void readsAKeyPairThatOpensslGenerated() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");

        ReleaseSigningKey key = ReleaseSigningKey.read(work.resolve("key.pem"), work.resolve("pub.pem"));
        Files.writeString(work.resolve("f"), "data");
        key.writeSignature(work.resolve("f"));

        assertThat(openssl("dgst", "-sha256", "-verify", "pub.pem", "-signature", "f.1.sig", "f").stdout())
                .isEqualTo("Verified OK\n");
        assertThat(ReleaseSigningKey.fromPem(key.privateKeyPem(), key.publicKeyPem()).fingerprint())
                .isEqualTo(key.fingerprint());
    }

    @Test
    void rejectsMismatchedPairsOtherCurvesAndSec1Keys() throws Exception {
        ReleaseSigningKey one = ReleaseSigningKey.generate();
        ReleaseSigningKey two = ReleaseSigningKey.generate();
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");
        openssl("pkey", "-in", "p384.pem", "-pubout", "-out", "p384.pub.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.pem");

        assertThatThrownBy(() -> ReleaseSigningKey.fromPem(one.privateKeyPem(), two.publicKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> ReleaseSigningKey.read(work.resolve("p384.pem"), work.resolve("p384.pub.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> ReleaseSigningKey.fromPem(Files.readString(work.resolve("sec1.pem")), one.publicKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    private ProcessRun openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return ProcessRun.run(command, work);
    }
}
