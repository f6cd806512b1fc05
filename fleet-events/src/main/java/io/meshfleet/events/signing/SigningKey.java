package io.meshfleet.events.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The Ed25519 private key a command issuer (orchestrator, sidecar-roller) signs with, and its key id.
 *
 * <p>Stored as a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the format
 * {@code openssl genpkey -algorithm ed25519} writes; agents pin the matching public key
 * ({@link #publicKeyPem()}) in their {@link TrustedKeys}.
 */
public final class SigningKey {

    /** id-Ed25519, RFC 8410. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final String keyId;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.keyId = KeyIds.of(publicKey);
    }

    /** A new random key. */
    public static SigningKey generate() {
        return generate(new SecureRandom());
    }

    /** A new key drawn from {@code random}. */
    public static SigningKey generate(SecureRandom random) {
        return new SigningKey(new Ed25519PrivateKeyParameters(Objects.requireNonNull(random, "random is required")));
    }

    /** The key in a PKCS#8 PEM text. */
    public static SigningKey fromPem(String pem) {
        List<byte[]> blocks = Pem.read(Objects.requireNonNull(pem, "pem is required"), Pem.PRIVATE_KEY);
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("expected one private key, found " + blocks.size());
        }
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(blocks.get(0));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#8 private key: " + e.getMessage(), e);
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getClass().getSimpleName());
        }
        return new SigningKey(ed25519);
    }

    /** The key in the PKCS#8 PEM file {@code path}. */
    public static SigningKey load(Path path) throws IOException {
        return fromPem(Files.readString(path, StandardCharsets.US_ASCII));
    }

    /** The key as PKCS#8 PEM text, in the version 1 form OpenSSL reads and writes (no embedded public key). */
    public String toPem() {
        try {
            // PrivateKeyInfoFactory would write version 2 with the public key, which OpenSSL 3.0 cannot read.
            PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519),
                    new DEROctetString(privateKey.getEncoded()));
            return Pem.write(Pem.PRIVATE_KEY, info.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the key as PKCS#8 PEM to a new file {@code path}, readable only by its owner where the file
     * system supports POSIX permissions. Refuses to overwrite an existing file, so a key is never lost.
     */
    public void store(Path path) throws IOException {
        byte[] pem = toPem().getBytes(StandardCharsets.US_ASCII);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
        Files.write(path, pem, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The key id: the first 16 hex characters of SHA-256 over the raw public key. */
    public String keyId() {
        return keyId;
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key as SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}), for agents to pin. */
    public String publicKeyPem() {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(privateKey.generatePublicKey());
            return Pem.write(Pem.PUBLIC_KEY, info.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + "]";
    }
}
