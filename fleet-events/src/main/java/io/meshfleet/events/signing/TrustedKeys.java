package io.meshfleet.events.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The Ed25519 public keys an agent pins, by key id: only commands signed by one of them are executed.
 *
 * <p>Keys come as SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl pkey -pubout} writes);
 * a key id is the first 16 hex characters of SHA-256 over the raw 32-byte key. Immutable and thread-safe.
 */
public final class TrustedKeys {

    private final Map<String, Ed25519PublicKeyParameters> byKeyId;

    private TrustedKeys(Map<String, Ed25519PublicKeyParameters> byKeyId) {
        this.byKeyId = Collections.unmodifiableMap(byKeyId);
    }

    /** The keys in {@code pems}; each text may hold several PEM blocks. */
    public static TrustedKeys fromPem(Collection<String> pems) {
        Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        for (String pem : pems) {
            for (byte[] der : Pem.read(Objects.requireNonNull(pem, "pem is required"), Pem.PUBLIC_KEY)) {
                Ed25519PublicKeyParameters key = parse(der);
                keys.put(KeyIds.of(key.getEncoded()), key);
            }
        }
        return new TrustedKeys(keys);
    }

    /** The keys in {@code pems}; each text may hold several PEM blocks. */
    public static TrustedKeys fromPem(String... pems) {
        return fromPem(List.of(pems));
    }

    /** The keys in the SPKI PEM files {@code files}; each may hold several PEM blocks. */
    public static TrustedKeys load(Collection<Path> files) throws IOException {
        List<String> pems = new ArrayList<>();
        for (Path file : files) {
            pems.add(Files.readString(file, StandardCharsets.US_ASCII));
        }
        return fromPem(pems);
    }

    /** The raw 32-byte public keys {@code rawKeys}. */
    public static TrustedKeys ofRaw(Collection<byte[]> rawKeys) {
        Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        for (byte[] raw : rawKeys) {
            if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
            }
            keys.put(KeyIds.of(raw), new Ed25519PublicKeyParameters(raw, 0));
        }
        return new TrustedKeys(keys);
    }

    /** The key id of a raw 32-byte Ed25519 public key. */
    public static String keyIdOf(byte[] rawPublicKey) {
        return KeyIds.of(rawPublicKey);
    }

    /** The ids of the pinned keys. */
    public Set<String> keyIds() {
        return byKeyId.keySet();
    }

    /** Whether {@code keyId} names a pinned key. */
    public boolean contains(String keyId) {
        return byKeyId.containsKey(keyId);
    }

    /** Whether {@code signature} is the Ed25519 signature of {@code message} by the pinned key {@code keyId}. */
    public boolean verify(String keyId, byte[] message, byte[] signature) {
        Ed25519PublicKeyParameters key = byKeyId.get(keyId);
        if (key == null || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static Ed25519PublicKeyParameters parse(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an SPKI public key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getClass().getSimpleName());
        }
        return ed25519;
    }

    @Override
    public String toString() {
        return "TrustedKeys" + byKeyId.keySet();
    }
}
