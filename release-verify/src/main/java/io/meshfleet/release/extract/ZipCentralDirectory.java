package io.meshfleet.release.extract;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads a zip's end record and walks its central directory without keeping anything, before commons-compress
 * opens it: {@code ZipFile} materialises every central-directory record it finds, however many the end record
 * claims, so a 100,000-entry zip must be refused before it is opened, not after. The layout must be exactly
 * what zip tools write (no bytes before the first entry, between the directory and its end record, or after
 * the end record's comment), which guarantees that commons-compress reads the same records counted here.
 *
 * @param entries how many central-directory records there are
 * @param offset  where the central directory starts: every entry's data must end before it
 */
record ZipCentralDirectory(long entries, long offset) {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int END_LENGTH = 22;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int CENTRAL_LENGTH = 46;
    private static final int MAX_COMMENT = 0xffff;

    static ZipCentralDirectory read(FileChannel channel, ExtractionLimits limits) throws UnsafeArchiveException, IOException {
        long size = channel.size();
        if (size < END_LENGTH) {
            throw malformed("at " + size + " bytes it is too short to be a zip");
        }
        // Search backwards as commons-compress does, so both settle on the same end record.
        int tailLength = (int) Math.min(size, END_LENGTH + MAX_COMMENT);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        int end = -1;
        for (int i = tailLength - END_LENGTH; i >= 0; i--) {
            if (tail.getInt(i) == END_SIGNATURE) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw malformed("it has no end of central directory record: not a zip, or truncated");
        }
        long endPosition = size - tailLength + end;
        long trailing = size - (endPosition + END_LENGTH + unsigned16(tail, end + 20));
        if (trailing != 0) {
            throw malformed("the end record's comment length is off by " + trailing + " bytes from the end of the file");
        }
        if (unsigned16(tail, end + 4) != 0 || unsigned16(tail, end + 6) != 0
                || unsigned16(tail, end + 8) != unsigned16(tail, end + 10)) {
            throw malformed("it claims to span several disks");
        }
        long total = unsigned16(tail, end + 10);
        long directorySize = unsigned32(tail, end + 12);
        long directoryOffset = unsigned32(tail, end + 16);
        long directoryEnd = endPosition;
        if (endPosition >= ZIP64_LOCATOR_LENGTH
                && read(channel, endPosition - ZIP64_LOCATOR_LENGTH, 4).getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
            long zip64End = read(channel, endPosition - ZIP64_LOCATOR_LENGTH + 8, 8).getLong(0);
            if (zip64End < 0 || zip64End + ZIP64_END_LENGTH > endPosition - ZIP64_LOCATOR_LENGTH) {
                throw malformed("its zip64 locator points outside the file");
            }
            ByteBuffer zip64 = read(channel, zip64End, ZIP64_END_LENGTH);
            if (zip64.getInt(0) != ZIP64_END_SIGNATURE) {
                throw malformed("its zip64 locator points at no zip64 end record");
            }
            if (zip64.getInt(16) != 0 || zip64.getInt(20) != 0 || zip64.getLong(24) != zip64.getLong(32)) {
                throw malformed("it claims to span several disks");
            }
            total = zip64.getLong(32);
            directorySize = zip64.getLong(40);
            directoryOffset = zip64.getLong(48);
            directoryEnd = zip64End;
        }
        if (total < 0 || total > limits.maxEntries()) {
            throw tooMany("the central directory lists " + Long.toUnsignedString(total) + " entries", limits);
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
            throw malformed("the central directory does not sit right before its end record (" + directorySize
                    + " bytes at " + directoryOffset + ", end record at " + directoryEnd
                    + "): something was prepended, appended or inserted");
        }
        ByteBuffer header = ByteBuffer.allocate(CENTRAL_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        long position = directoryOffset;
        long count = 0;
        while (position < directoryEnd) {
            if (++count > limits.maxEntries()) {
                throw tooMany("the central directory holds more than " + limits.maxEntries() + " entries", limits);
            }
            if (position + CENTRAL_LENGTH > directoryEnd) {
                throw malformed("central directory record " + count + " runs into the end record");
            }
            readFully(channel, header.clear(), position);
            if (header.getInt(0) != CENTRAL_SIGNATURE) {
                throw malformed("central directory record " + count + " has no signature");
            }
            position += CENTRAL_LENGTH + unsigned16(header, 28) + unsigned16(header, 30) + unsigned16(header, 32);
        }
        if (position != directoryEnd || count != total) {
            throw malformed("the central directory holds " + count + " records where its end record says " + total);
        }
        return new ZipCentralDirectory(count, directoryOffset);
    }

    static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buffer, position);
        return buffer;
    }

    static int unsigned16(ByteBuffer buffer, int index) {
        return Short.toUnsignedInt(buffer.getShort(index));
    }

    private static long unsigned32(ByteBuffer buffer, int index) {
        return Integer.toUnsignedLong(buffer.getInt(index));
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the zip ends at " + channel.size() + " bytes, inside a record at " + position);
            }
        }
    }

    private static UnsafeArchiveException malformed(String detail) {
        return new UnsafeArchiveException(Reason.MALFORMED, null, "not a well-formed zip: " + detail);
    }

    private static UnsafeArchiveException tooMany(String detail, ExtractionLimits limits) {
        return new UnsafeArchiveException(Reason.TOO_MANY_ENTRIES, null,
                detail + ", more than ExtractionLimits.maxEntries (" + limits.maxEntries() + ")");
    }
}
