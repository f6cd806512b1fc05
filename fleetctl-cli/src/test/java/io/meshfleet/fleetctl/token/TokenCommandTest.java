package io.meshfleet.fleetctl.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshfleet.fleetctl.CommandRun;
import io.meshfleet.fleetctl.Fleetctl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetctl token keys|mint}: an owner-only private key, and RS256 tokens the public key verifies with the claims the orchestrator reads. */
class TokenCommandTest {

    private static final Fleetctl FLEETCTL = new Fleetctl(Clock.systemUTC(), Map.of());

    @TempDir
    Path dir;

    @Test
    void mintedTokensVerifyWithThePublicKeyAndCarrySubjectAndRoles() throws Exception {
        assertThat(CommandRun.of(FLEETCTL, "token", "keys", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-private.pem"))))
                .isEqualTo("rw-------");

        CommandRun mint = CommandRun.of(FLEETCTL, "token", "mint", "--key", dir.resolve("jwt-private.pem").toString(),
                "--subject", "alice", "--role", "operator", "--role", "approver", "--ttl", "PT1H");

        assertThat(mint.exitCode()).isZero();
        String[] parts = mint.out().strip().split("\\.");
        assertThat(parts).hasSize(3);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey(dir.resolve("jwt-public.pem")));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("iss").asText()).isEqualTo("https://meshfleet.local");
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactly("operator", "approver");
        long now = Instant.now().getEpochSecond();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        assertThat(claims.get("iat").asLong()).isBetween(now - 60, now + 1);
    }

    @Test
    void unknownRolesAndMissingKeysAreRefusedWithWhatIsAllowed() {
        CommandRun role = CommandRun.of(FLEETCTL, "token", "mint", "--key", dir.resolve("none.pem").toString(),
                "--subject", "bob", "--role", "admin");
        assertThat(role.exitCode()).isEqualTo(2);
        assertThat(role.err()).contains("unknown role 'admin': use viewer, operator or approver");
        CommandRun key = CommandRun.of(FLEETCTL, "token", "mint", "--key", dir.resolve("none.pem").toString(),
                "--subject", "bob", "--role", "viewer");
        assertThat(key.exitCode()).isEqualTo(2);
        assertThat(key.err()).contains("cannot read the key");
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        String base64 = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    }
}
