package io.meshfleet.roller.engine;

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
 * The roller's Ed25519 command signer, from the PKCS#8 PEM file {@code meshfleet.roller.signing-key}.
 * Agents pin the matching public key; the key itself never appears in a log, only its id.
 */
@Singleton
public class RollerSigning {

    private static final Logger LOG = Logger.getLogger(RollerSigning.class);

    @Produces
    @Singleton
    CommandSigner signer(@ConfigProperty(name = "meshfleet.roller.signing-key") Path keyFile, Clock clock) {
        SigningKey key;
        try {
            key = SigningKey.load(keyFile);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the roller's signing key from " + keyFile
                    + " (meshfleet.roller.signing-key): " + e.getMessage() + ". Create one with"
                    + " `openssl genpkey -algorithm ed25519 -out roller-key.pem` and pin its public key"
                    + " (`openssl pkey -in roller-key.pem -pubout`) in every agent.", e);
        }
        LOG.infof("signing agent commands with key %s", key.keyId());
        return new CommandSigner(key, clock);
    }
}
