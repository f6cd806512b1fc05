package io.meshfleet.orchestrator.outbox;

import io.meshfleet.events.signing.CommandSigner;
import io.meshfleet.events.signing.SigningKey;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The orchestrator's command signer, from the Ed25519 PKCS#8 PEM file named by
 * {@code meshfleet.orchestrator.signing-key} (agents pin its public key).
 */
@Singleton
public class CommandSigning {

    private static final Logger LOG = Logger.getLogger(CommandSigning.class);

    @Produces
    @Singleton
    CommandSigner signer(@ConfigProperty(name = "meshfleet.orchestrator.signing-key") Path keyFile, Clock clock) {
        SigningKey key;
        try {
            key = SigningKey.load(keyFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the orchestrator's signing key from " + keyFile + " ("
                    + e.getMessage() + "); create one with `openssl genpkey -algorithm ed25519 -out " + keyFile
                    + "` and pin its public key on the agents", e);
        }
        LOG.infof("signing agent commands with key %s", key.keyId());
        return new CommandSigner(key, clock);
    }
}
