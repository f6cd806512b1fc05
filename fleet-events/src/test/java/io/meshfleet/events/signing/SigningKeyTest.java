package io.meshfleet.events.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    // RFC 8032, section 7.1, test 1, as "openssl pkey" writes it.
    static final String RFC8032_PRIVATE_PEM = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
            -----END PRIVATE KEY-----
            """;
    static final String RFC8032_PUBLIC_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
            -----END PUBLIC KEY-----
            """;
    static final String RFC8032_PUBLIC_HEX = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String RFC8032_EMPTY_MESSAGE_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
            + "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @Test
    void readsAnOpensslKeyAndSignsLikeRfc8032() {
        SigningKey key = SigningKey.fromPem(RFC8032_PRIVATE_PEM);

        assertThat(HexFormat.of().formatHex(key.publicKey())).isEqualTo(RFC8032_PUBLIC_HEX);
        assertThat(HexFormat.of().formatHex(key.sign(new byte[0]))).isEqualTo(RFC8032_EMPTY_MESSAGE_SIGNATURE);
        assertThat(key.publicKeyPem().replace("\r", "")).isEqualTo(RFC8032_PUBLIC_PEM);
    }

    @Test
    void writesTheKeyInTheFormOpensslWrites() {
        assertThat(SigningKey.fromPem(RFC8032_PRIVATE_PEM).toPem().replace("\r", "")).isEqualTo(RFC8032_PRIVATE_PEM);
    }

    @Test
    void keyIdIsTheStartOfTheSha256OfTheRawPublicKey() {
        SigningKey key = SigningKey.fromPem(RFC8032_PRIVATE_PEM);

        // printf d75a...511a | xxd -r -p | sha256sum | cut -c1-16
        assertThat(key.keyId()).isEqualTo("21fe31dfa154a261");
        assertThat(TrustedKeys.keyIdOf(HexFormat.of().parseHex(RFC8032_PUBLIC_HEX))).isEqualTo(key.keyId());
        assertThat(TrustedKeys.fromPem(RFC8032_PUBLIC_PEM).keyIds()).containsExactly(key.keyId());
    }

    @Test
    void pemRoundTripsThroughAFileReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        SigningKey key = SigningKey.generate();
        Path file = dir.resolve("orchestrator.key");

        key.store(file);
        SigningKey loaded = SigningKey.load(file);

        assertThat(loaded.keyId()).isEqualTo(key.keyId());
        assertThat(loaded.publicKey()).isEqualTo(key.publicKey());
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> SigningKey.generate().store(file)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void publicKeysLoadFromFilesWithSeveralBlocks(@TempDir Path dir) throws Exception {
        SigningKey a = SigningKey.generate();
        SigningKey b = SigningKey.generate();
        Path bundle = Files.writeString(dir.resolve("issuers.pem"), a.publicKeyPem() + b.publicKeyPem());
        Path single = Files.writeString(dir.resolve("rfc.pem"), RFC8032_PUBLIC_PEM);

        TrustedKeys keys = TrustedKeys.load(List.of(bundle, single));

        assertThat(keys.keyIds()).containsExactly(a.keyId(), b.keyId(), "21fe31dfa154a261");
        assertThat(TrustedKeys.ofRaw(List.of(a.publicKey())).keyIds()).containsExactly(a.keyId());
    }

    @Test
    void refusesWhatIsNotAnEd25519KeyOfTheRightKind() {
        assertThatThrownBy(() -> SigningKey.fromPem(RFC8032_PUBLIC_PEM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> TrustedKeys.fromPem(RFC8032_PRIVATE_PEM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> SigningKey.fromPem("no pem here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedKeys.ofRaw(List.of(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsTheKeyIdOnly() {
        SigningKey key = SigningKey.fromPem(RFC8032_PRIVATE_PEM);
        assertThat(key.toString()).isEqualTo("SigningKey[keyId=21fe31dfa154a261]");
    }
}
