package io.meshfleet.release.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The pinned public keys release archives may be signed with, by key id, so keys can rotate:
 * every key in the set is trusted, and a verdict names the key that signed. Keys are ECDSA P-256
 * in SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}, as {@code openssl ec -pubout} writes); a key id
 * is the first 16 hex characters of SHA-256 over the SPKI DER. Immutable.
 */
public final class ReleaseKeys {

    /** Google's Anthos Service Mesh release key, as pinned in the manual procedure. */
    public static final String GOOGLE_ASM_RESOURCE = "/io/meshfleet/release/verify/google-asm-release.pem";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private final Map<String, ECPublicKeyParameters> keys;

    private ReleaseKeys(Map<String, ECPublicKeyParameters> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** Only Google's ASM release key: the default trust store. */
    public static ReleaseKeys googleAsm() {
        try (InputStream in = ReleaseKeys.class.getResourceAsStream(GOOGLE_ASM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(GOOGLE_ASM_RESOURCE + " is missing from the jar");
            }
            return fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every public key in the PEM texts (each may hold several blocks). */
    public static ReleaseKeys fromPem(String... pems) {
        Map<String, ECPublicKeyParameters> keys = new LinkedHashMap<>();
        for (String pem : pems) {
            Matcher m = PEM.matcher(pem);
            boolean any = false;
            while (m.find()) {
                any = true;
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                keys.put(keyId(der), parse(der));
            }
            if (!any) {
                throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block in the given text");
            }
        }
        return new ReleaseKeys(keys);
    }

    /** Every public key in the given PEM files. */
    public static ReleaseKeys load(Path... files) throws IOException {
        String[] pems = new String[files.length];
        for (int i = 0; i < files.length; i++) {
            pems[i] = Files.readString(files[i], StandardCharsets.US_ASCII);
        }
        return fromPem(pems);
    }

    /** This set plus the keys of {@code other}. */
    public ReleaseKeys with(ReleaseKeys other) {
        Map<String, ECPublicKeyParameters> merged = new LinkedHashMap<>(keys);
        merged.putAll(other.keys);
        return new ReleaseKeys(merged);
    }

    /** The key ids, in the order the keys were added. */
    public java.util.Set<String> keyIds() {
        return keys.keySet();
    }

    Map<String, ECPublicKeyParameters> keys() {
        return keys;
    }

    /** The key id of an SPKI DER public key. */
    public static String keyId(byte[] spkiDer) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(spkiDer);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static ECPublicKeyParameters parse(byte[] der) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
                || !X9ObjectIdentifiers.prime256v1.equals(info.getAlgorithm().getParameters())) {
            throw new IllegalArgumentException("only ECDSA P-256 (prime256v1) release keys are supported, got "
                    + info.getAlgorithm().getAlgorithm() + " " + info.getAlgorithm().getParameters());
        }
        try {
            return (ECPublicKeyParameters) PublicKeyFactory.createKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid P-256 public key: " + e.getMessage(), e);
        }
    }
}
