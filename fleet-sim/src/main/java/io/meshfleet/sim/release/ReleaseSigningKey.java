package io.meshfleet.sim.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * An ECDSA P-256 key pair that signs release archives exactly as the upstream {@code .1.sig} files
 * are signed: SHA-256, DER-encoded signature, what {@code openssl dgst -sha256 -sign key.pem} produces
 * and {@code openssl dgst -sha256 -verify pub.pem -signature f.1.sig f} accepts.
 */
public final class ReleaseSigningKey {

    /** The suffix of a signature file next to its archive. */
    public static final String SIGNATURE_SUFFIX = ".1.sig";

    private static final String ALGORITHM = "SHA256withECDSA";
    private static final String CURVE = "secp256r1";
    private static final ECParameterSpec P256 = p256();

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private ReleaseSigningKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair from a strong random source. */
    public static ReleaseSigningKey generate() {
        return generate(new SecureRandom());
    }

    /** A fresh key pair drawing on {@code random}. */
    public static ReleaseSigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            KeyPair pair = generator.generateKeyPair();
            return new ReleaseSigningKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
        }
    }

    /**
     * A key pair from PEM text: the private key as PKCS#8 ({@code BEGIN PRIVATE KEY}, as written by
     * {@link #writePrivateKeyPem} or {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}),
     * the public key as SPKI ({@code BEGIN PUBLIC KEY}). Both must be P-256 and belong together.
     */
    public static ReleaseSigningKey fromPem(String privateKeyPem, String publicKeyPem) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(pemBody(privateKeyPem, "PRIVATE KEY")));
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(
                    new X509EncodedKeySpec(pemBody(publicKeyPem, "PUBLIC KEY")));
            requireP256(privateKey, "private");
            requireP256(publicKey, "public");
            ReleaseSigningKey key = new ReleaseSigningKey(privateKey, publicKey);
            byte[] probe = "meshfleet key pair check".getBytes(StandardCharsets.US_ASCII);
            if (!key.verify(probe, key.sign(probe))) {
                throw new IllegalArgumentException("the public key does not belong to the private key");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC P-256 key pair in PKCS#8 / SPKI PEM: " + e.getMessage(), e);
        }
    }

    /** {@link #fromPem} over two files. */
    public static ReleaseSigningKey read(Path privateKeyPem, Path publicKeyPem) throws IOException {
        return fromPem(Files.readString(privateKeyPem, StandardCharsets.US_ASCII),
                Files.readString(publicKeyPem, StandardCharsets.US_ASCII));
    }

    /** The DER-encoded ECDSA signature of SHA-256({@code data}). */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    /** The signature of a file's bytes, read as a stream. */
    public byte[] sign(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                signature.update(buffer, 0, read);
            }
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    /** Signs {@code archive} and writes the signature to {@code <archive>.1.sig}; returns that path. */
    public Path writeSignature(Path archive) throws IOException {
        Path signature = archive.resolveSibling(archive.getFileName() + SIGNATURE_SUFFIX);
        Files.write(signature, sign(archive));
        return signature;
    }

    /** Whether {@code signature} is this key's signature of {@code data}. */
    public boolean verify(byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + ALGORITHM, e);
        }
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    /** The public key as SPKI PEM ({@code BEGIN PUBLIC KEY}), the form the seed procedure pins. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); openssl reads it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    public void writePublicKeyPem(Path file) throws IOException {
        Files.writeString(file, publicKeyPem(), StandardCharsets.US_ASCII);
    }

    /** Writes the private key PEM, readable by its owner only where the file system has POSIX permissions. */
    public void writePrivateKeyPem(Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && file.getFileSystem().equals(FileSystems.getDefault());
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (posix && !Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        if (posix) {
            Files.setPosixFilePermissions(file, ownerOnly);
        }
        Files.writeString(file, privateKeyPem(), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Lowercase hex SHA-256 of the DER SPKI public key: a stable id for the key (e.g. a pinned-key id). */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ReleaseSigningKey[P-256, sha256:" + fingerprint() + "]";
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static byte[] pemBody(String pem, String type) {
        Objects.requireNonNull(pem, type);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block \"" + begin + "\""
                    + ("PRIVATE KEY".equals(type) && pem.contains("BEGIN EC PRIVATE KEY")
                            ? "; convert SEC1 keys with: openssl pkcs8 -topk8 -nocrypt -in key.pem"
                            : ""));
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static void requireP256(ECKey key, String which) {
        ECParameterSpec params = key.getParams();
        if (!params.getCurve().equals(P256.getCurve())
                || !params.getGenerator().equals(P256.getGenerator())
                || !params.getOrder().equals(P256.getOrder())
                || params.getCofactor() != P256.getCofactor()) {
            throw new IllegalArgumentException("the " + which + " key is not on curve P-256 (secp256r1, prime256v1)");
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(CURVE));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
