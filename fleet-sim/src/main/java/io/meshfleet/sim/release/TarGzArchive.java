package io.meshfleet.sim.release;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes a gzip-compressed POSIX ustar archive; no dependency beyond the JDK. */
final class TarGzArchive {

    private static final int BLOCK = 512;
    private static final int RECORD = 20 * BLOCK; // GNU tar's default blocking factor
    private static final long MAX_SIZE = 077777777777L; // 11 octal digits

    private TarGzArchive() {
    }

    static void write(List<ReleaseEntry> entries, long mtimeSeconds, OutputStream out) throws IOException {
        if (mtimeSeconds < 0 || mtimeSeconds > MAX_SIZE) {
            throw new IllegalArgumentException("tar cannot store the time " + mtimeSeconds);
        }
        GZIPOutputStream gzip = new GZIPOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
        long written = 0;
        for (ReleaseEntry entry : entries) {
            gzip.write(header(entry, mtimeSeconds));
            written += BLOCK;
            if (!entry.directory()) {
                gzip.write(entry.contentUnsafe());
                int padding = (BLOCK - entry.size() % BLOCK) % BLOCK;
                gzip.write(new byte[padding]);
                written += entry.size() + padding;
            }
        }
        gzip.write(new byte[2 * BLOCK]);
        written += 2 * BLOCK;
        gzip.write(new byte[(int) ((RECORD - written % RECORD) % RECORD)]);
        gzip.finish();
        gzip.close();
    }

    static byte[] header(ReleaseEntry entry, long mtimeSeconds) {
        byte[] header = new byte[BLOCK];
        byte[] path = entry.path().getBytes(StandardCharsets.UTF_8);
        int split = splitPoint(path, entry.path());
        put(header, 0, 100, slice(path, split == 0 ? 0 : split + 1, path.length));
        octal(header, 100, 8, entry.mode());
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        if (entry.size() > MAX_SIZE) {
            throw new IllegalArgumentException("entry too large for ustar: " + entry.path());
        }
        octal(header, 124, 12, entry.directory() ? 0 : entry.size());
        octal(header, 136, 12, mtimeSeconds);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        header[156] = (byte) (entry.directory() ? '5' : '0');
        put(header, 257, 6, "ustar".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(header, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
        octal(header, 329, 8, 0);
        octal(header, 337, 8, 0);
        put(header, 345, 155, slice(path, 0, split));
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        return header;
    }

    /** 0 when the whole path fits the name field, else the index of the '/' between prefix and name. */
    private static int splitPoint(byte[] path, String text) {
        if (path.length <= 100) {
            return 0;
        }
        // the name part excludes a directory's trailing '/' from the search so that "a/b/" never splits as "a/b" + ""
        for (int i = path.length - 2; i > 0; i--) {
            if (path[i] == '/' && i <= 155 && path.length - i - 1 <= 100) {
                return i;
            }
        }
        throw new IllegalArgumentException("path too long for ustar (name 100, prefix 155 bytes): " + text);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] part = new byte[to - from];
        System.arraycopy(bytes, from, part, 0, part.length);
        return part;
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        if (value.length > length) {
            throw new IllegalArgumentException("field overflow at " + offset);
        }
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** length-1 zero-padded octal digits followed by NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + length + "-byte tar field");
        }
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        put(header, offset, length, (padded + '\0').getBytes(StandardCharsets.US_ASCII));
    }
}
