package io.meshfleet.release.verify;

import io.meshfleet.release.verify.DerSignature.MalformedException;
import io.meshfleet.release.verify.ReleaseVerdict.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies a release archive against its detached signature ({@code <archive>.1.sig}, DER ECDSA
 * P-256 over SHA-256) and the pinned {@link ReleaseKeys}, agreeing with {@code openssl dgst -sha256
 * -verify} on every input. The archive is hashed with the JDK's {@code MessageDigest} (SHA-NI
 * intrinsics, several times faster than Bouncy Castle's digest) while it streams; Bouncy Castle
 * checks the signature on the digest. Memory use does not depend on the archive's size.
 */
public final class ReleaseVerifier {

    private static final int BUFFER = 1 << 20;

    private final ReleaseKeys keys;

    public ReleaseVerifier(ReleaseKeys keys) {
        this.keys = keys;
    }

    /** Verifies the archive file {@code archive}. */
    public ReleaseVerdict verify(java.nio.file.Path archive, byte[] signature) throws IOException {
        // FileInputStream reads straight into the heap buffer; a channel-backed stream copies through a
        // direct buffer first and is several times slower, which would make hashing wait for reading.
        try (InputStream in = new java.io.FileInputStream(archive.toFile())) {
            return verify(in, signature);
        }
    }

    /** Reads the whole archive from {@code archive} and verifies it. */
    public ReleaseVerdict verify(InputStream archive, byte[] signature) throws IOException {
        return verify(archive, signature, OutputStream.nullOutputStream());
    }

    /**
     * Reads the archive from {@code archive}, copying every byte to {@code keep} as it is hashed, and
     * verifies it: the bytes kept are exactly the bytes verified, with no second read that could see
     * different bytes.
     */
    public ReleaseVerdict verify(InputStream archive, byte[] signature, OutputStream keep) throws IOException {
        MessageDigest sha256 = newSha256();
        long size = 0;
        try (ChunkReader chunks = new ChunkReader(archive)) {
            for (ChunkReader.Chunk chunk; (chunk = chunks.next()) != null; ) {
                sha256.update(chunk.bytes(), 0, chunk.length());
                keep.write(chunk.bytes(), 0, chunk.length());
                size += chunk.length();
                chunks.release(chunk);
            }
        }
        return verifyDigest(sha256.digest(), size, signature);
    }

    /** Verifies an archive whose SHA-256 the caller computed while reading it. */
    public ReleaseVerdict verifyDigest(byte[] sha256, long size, byte[] signature) {
        DerSignature parsed;
        try {
            parsed = DerSignature.parse(signature);
        } catch (MalformedException e) {
            return new ReleaseVerdict(false, null, Failure.MALFORMED_SIGNATURE,
                    "the signature is not a strict DER ECDSA signature: " + e.getMessage()
                            + "; check that the .1.sig file is the one published with this archive",
                    sha256, size);
        }
        BigInteger r = parsed.r();
        BigInteger s = parsed.s();
        for (Map.Entry<String, ECPublicKeyParameters> key : keys.keys().entrySet()) {
            BigInteger order = key.getValue().getParameters().getN();
            if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
                return new ReleaseVerdict(false, null, Failure.MALFORMED_SIGNATURE,
                        "the signature's r or s lies outside 1..n-1 of P-256: no key can have made it", sha256, size);
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key.getValue());
            if (verifier.verifySignature(sha256, r, s)) {
                return new ReleaseVerdict(true, key.getKey(), null, "signed by pinned key " + key.getKey(), sha256,
                        size);
            }
        }
        return new ReleaseVerdict(false, null, Failure.NO_MATCHING_KEY,
                "no pinned key (" + String.join(", ", keys.keyIds()) + ") signed these " + size
                        + " bytes: the archive was altered or truncated, or it is signed by a key that is not pinned",
                sha256, size);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
