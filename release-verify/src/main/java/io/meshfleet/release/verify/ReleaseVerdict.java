package io.meshfleet.release.verify;

import java.util.HexFormat;

/**
 * What verifying one archive against its detached signature found.
 *
 * @param verified whether a pinned key's signature matches: exactly when {@code openssl dgst
 *                 -sha256 -verify} prints {@code Verified OK} for that key
 * @param keyId    the key that signed; null when not verified
 * @param failure  why not; null when verified
 * @param detail   for a person: what was wrong and what to check
 * @param sha256   the SHA-256 of the archive bytes that were read
 * @param size     how many bytes were read
 */
public record ReleaseVerdict(boolean verified, String keyId, Failure failure, String detail, byte[] sha256,
        long size) {

    /** Why an archive did not verify; openssl reports every one of them as {@code Verification failure}. */
    public enum Failure {
        /** The signature file is not a strict DER ECDSA signature (BER, truncated, trailing bytes, r or s out of range). */
        MALFORMED_SIGNATURE,
        /** A well-formed signature that no pinned key made over these bytes: tampered, truncated, or another key. */
        NO_MATCHING_KEY
    }

    public ReleaseVerdict {
        sha256 = sha256.clone();
    }

    /** The archive digest as lowercase hex. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }
}
