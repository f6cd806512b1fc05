package io.meshfleet.events.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives key ids from raw Ed25519 public keys. */
final class KeyIds {

    private KeyIds() {
    }

    /** The first 16 hex characters of SHA-256 over the raw 32-byte public key. */
    static String of(byte[] rawPublicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
