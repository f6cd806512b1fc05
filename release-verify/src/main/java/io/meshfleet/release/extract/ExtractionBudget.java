package io.meshfleet.release.extract;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.util.function.LongSupplier;

/**
 * Counts what an extraction has consumed against its {@link ExtractionLimits}: entries, bytes written, and
 * the compression ratio, judged on the archive bytes the reader actually consumed and the larger of the
 * bytes the decompressor produced and the bytes written (hard-link copies produce bytes without
 * decompressing any).
 */
final class ExtractionBudget {

    private final ExtractionLimits limits;
    private final LongSupplier archiveBytesRead;
    private final LongSupplier bytesDecompressed;
    private int entries;
    private long bytesWritten;

    ExtractionBudget(ExtractionLimits limits, LongSupplier archiveBytesRead, LongSupplier bytesDecompressed) {
        this.limits = limits;
        this.archiveBytesRead = archiveBytesRead;
        this.bytesDecompressed = bytesDecompressed;
    }

    /** Counts one more entry. */
    void entry(String name) throws UnsafeArchiveException {
        entries++;
        if (entries > limits.maxEntries()) {
            throw tooManyEntries(name, "the archive holds more than " + limits.maxEntries() + " entries");
        }
    }

    UnsafeArchiveException tooManyEntries(String name, String detail) {
        return new UnsafeArchiveException(Reason.TOO_MANY_ENTRIES, name,
                detail + " (ExtractionLimits.maxEntries is " + limits.maxEntries() + ")");
    }

    /**
     * Refuses early an entry whose header already claims more than one entry may hold: either the claim is
     * true and the entry is too large, or it is false and the archive is malformed.
     */
    void declared(String name, long size) throws UnsafeArchiveException {
        if (size > limits.maxEntryBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE, name, "the entry declares " + size
                    + " bytes, more than ExtractionLimits.maxEntryBytes (" + limits.maxEntryBytes() + ")");
        }
    }

    /**
     * Accounts for {@code count} more bytes of the entry {@code name}, which already has {@code entryBytes},
     * before they are written, so no limit is ever overrun on disk.
     */
    void write(String name, long entryBytes, long count) throws UnsafeArchiveException {
        if (entryBytes + count > limits.maxEntryBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE, name, "the entry expands past "
                    + limits.maxEntryBytes() + " bytes (ExtractionLimits.maxEntryBytes)");
        }
        if (bytesWritten + count > limits.maxTotalBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE, name, "the archive expands past "
                    + limits.maxTotalBytes() + " bytes in total (ExtractionLimits.maxTotalBytes)");
        }
        bytesWritten += count;
        checkRatio(name);
    }

    /** Refuses once more than the floor has come out and the bytes out exceed the ratio times the bytes read. */
    void checkRatio(String name) throws UnsafeArchiveException {
        long produced = Math.max(bytesWritten, bytesDecompressed.getAsLong());
        if (produced <= limits.ratioFloorBytes()) {
            return;
        }
        long read = Math.max(1, archiveBytesRead.getAsLong());
        // Dividing first means read * ratio is only computed when it cannot overflow.
        if (produced / read >= limits.maxCompressionRatio() && produced > read * limits.maxCompressionRatio()) {
            throw new UnsafeArchiveException(Reason.COMPRESSION_RATIO, name, produced + " bytes came out of the "
                    + read + " archive bytes read so far, " + produced / read + ":1, more than "
                    + limits.maxCompressionRatio() + ":1 (ExtractionLimits.maxCompressionRatio): a decompression bomb");
        }
    }

    int entries() {
        return entries;
    }

    long bytesWritten() {
        return bytesWritten;
    }
}
