package io.meshfleet.orchestrator;

import io.meshfleet.events.signing.SigningKey;
import io.meshfleet.events.signing.TrustedKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Generates the orchestrator's command signing key for the test run; tests verify commands with {@link #trusted()}. */
public class TestSigningKey implements QuarkusTestResourceLifecycleManager {

    private static volatile SigningKey key;
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("orchestrator-key");
            Path file = directory.resolve("signing.pem");
            SigningKey generated = SigningKey.generate();
            generated.store(file);
            key = generated;
            return Map.of("meshfleet.orchestrator.signing-key", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(directory.resolve("signing.pem"));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key as an agent pins it. */
    public static TrustedKeys trusted() {
        return TrustedKeys.fromPem(key.publicKeyPem());
    }
}
