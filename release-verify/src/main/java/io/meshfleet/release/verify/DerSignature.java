package io.meshfleet.release.verify;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An ECDSA signature {@code (r, s)} parsed from strict DER, the encoding {@code openssl dgst -sign}
 * writes: {@code SEQUENCE { INTEGER r, INTEGER s }} with minimal lengths and minimal, positive
 * integers and nothing after it. OpenSSL refuses any other encoding of the same numbers (it
 * re-encodes and compares), so accepting BER here would let meshfleet trust a file openssl rejects.
 */
public record DerSignature(BigInteger r, BigInteger s) {

    /** Why a signature's bytes are not strict DER. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    /** Parses {@code der}, refusing anything but the one strict DER encoding. */
    public static DerSignature parse(byte[] der) throws MalformedException {
        Reader in = new Reader(der);
        if (in.next("the SEQUENCE tag") != SEQUENCE) {
            throw new MalformedException("not a DER SEQUENCE (first byte 0x" + Integer.toHexString(der[0] & 0xff) + ")");
        }
        int length = in.length();
        if (length != in.remaining()) {
            throw new MalformedException(length > in.remaining()
                    ? "truncated: the SEQUENCE claims " + length + " bytes, " + in.remaining() + " follow"
                    : (in.remaining() - length) + " bytes after the signature");
        }
        BigInteger r = in.integer("r");
        BigInteger s = in.integer("s");
        if (in.remaining() != 0) {
            throw new MalformedException(in.remaining() + " unexpected bytes after s inside the SEQUENCE");
        }
        return new DerSignature(r, s);
    }

    /** The strict DER encoding of this signature. */
    public byte[] encode() {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        int body = 2 + rBytes.length + 2 + sBytes.length;
        if (body > 127 || rBytes.length > 127 || sBytes.length > 127) {
            throw new IllegalStateException("integers too large for an ECDSA signature");
        }
        byte[] out = new byte[2 + body];
        out[0] = SEQUENCE;
        out[1] = (byte) body;
        out[2] = INTEGER;
        out[3] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, out, 4, rBytes.length);
        out[4 + rBytes.length] = INTEGER;
        out[5 + rBytes.length] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, out, 6 + rBytes.length, sBytes.length);
        return out;
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        int next(String what) throws MalformedException {
            if (position >= bytes.length) {
                throw new MalformedException("truncated before " + what);
            }
            return bytes[position++] & 0xff;
        }

        /** A definite length in its minimal form; ECDSA P-256 signatures never need the long form. */
        int length() throws MalformedException {
            int first = next("a length");
            if (first < 0x80) {
                return first;
            }
            if (first == 0x80) {
                throw new MalformedException("indefinite length (BER, not DER)");
            }
            int octets = first & 0x7f;
            if (octets > 2) {
                throw new MalformedException("length of " + octets + " octets is far too long for a signature");
            }
            int value = 0;
            for (int i = 0; i < octets; i++) {
                value = (value << 8) | next("a length octet");
            }
            if (value < 0x80 || (octets == 2 && value < 0x100)) {
                throw new MalformedException("length " + value + " in long form (BER, not minimal DER)");
            }
            return value;
        }

        BigInteger integer(String name) throws MalformedException {
            if (next("INTEGER " + name) != INTEGER) {
                throw new MalformedException("expected INTEGER " + name);
            }
            int length = length();
            if (length == 0) {
                throw new MalformedException("INTEGER " + name + " is empty");
            }
            if (length > remaining()) {
                throw new MalformedException("truncated INTEGER " + name);
            }
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            if ((value[0] & 0x80) != 0) {
                throw new MalformedException("INTEGER " + name + " is negative");
            }
            if (length > 1 && value[0] == 0 && (value[1] & 0x80) == 0) {
                throw new MalformedException("INTEGER " + name + " has a superfluous leading zero (not minimal DER)");
            }
            return new BigInteger(value);
        }
    }
}
