package io.meshfleet.agent;

import io.meshfleet.events.signing.SigningKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the agent under test a directory with the two pinned issuer keys, the orchestrator's and the sidecar-roller's,
 * as deployed, and the tests those keys to sign with.
 */
public class TrustedKeysTestResource implements QuarkusTestResourceLifecycleManager {

    /** The clusters the agent under test serves. */
    public static final String CLUSTERS = "edge-a,edge-b";

    private static final SigningKey ISSUER = SigningKey.generate();
    private static final SigningKey ROLLER = SigningKey.generate();

    /** The pinned issuer key: what the orchestrator would sign with. */
    public static SigningKey issuer() {
        return ISSUER;
    }

    /** The other pinned key: what the sidecar-roller signs its RestartWorkloads with. */
    public static SigningKey roller() {
        return ROLLER;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("meshfleet-trusted-keys");
            Files.writeString(dir.resolve("orchestrator.pem"), ISSUER.publicKeyPem());
            Files.writeString(dir.resolve("sidecar-roller.pem"), ROLLER.publicKeyPem());
            Files.writeString(dir.resolve("README.txt"), "not a key: files other than *.pem are ignored");
            // The test broker creates topics with 3 partitions: the agent reads only those of edge-a and edge-b.
            return Map.of("meshfleet.agent.trusted-keys-dir", dir.toString(), "meshfleet.agent.clusters", CLUSTERS,
                    "meshfleet.agent.command-partitions", "3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the temporary directory holds only a public key
    }
}
