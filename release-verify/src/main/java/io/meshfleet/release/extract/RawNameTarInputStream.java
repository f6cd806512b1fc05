package io.meshfleet.release.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that also keeps the names GNU long-name entries and PAX {@code path} records carry, exactly
 * as the archive spells them: commons-compress strips leading slashes from those ({@code
 * TarArchiveEntry.setName}) before the caller sees the entry, which would quietly turn an absolute path
 * into a relative one instead of letting it be refused. It also caps those header entries, which
 * commons-compress reads whole into memory.
 */
final class RawNameTarInputStream extends TarArchiveInputStream {

    /** The most a long-name or PAX header entry may hold; a release's are a few hundred bytes. */
    static final long MAX_HEADER_BYTES = 64 * 1024;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> rawNames = new ArrayList<>();
    private TarArchiveEntry capturing;
    private String globalPath;

    RawNameTarInputStream(InputStream in) {
        super(in, StandardCharsets.UTF_8.name());
    }

    /** The next entry, or null at the end of the archive. */
    TarArchiveEntry next() throws IOException {
        rawNames.clear();
        TarArchiveEntry entry = getNextEntry();
        endCapture();
        return entry;
    }

    /** Every name the headers before the current entry gave it, as spelled there (GNU long name, PAX path, global PAX path). */
    List<String> rawNames() {
        List<String> names = new ArrayList<>(rawNames);
        if (globalPath != null) {
            names.add(globalPath);
        }
        return names;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        TarArchiveEntry current = getCurrentEntry();
        if (current != capturing) {
            endCapture();
            if (current != null && carriesName(current)) {
                if (current.getSize() > MAX_HEADER_BYTES) {
                    throw new IOException("a " + (current.isGNULongNameEntry() ? "GNU long-name" : "PAX")
                            + " header entry of " + current.getSize() + " bytes, more than " + MAX_HEADER_BYTES);
                }
                capturing = current;
            }
        }
        int n = super.read(buffer, offset, length);
        if (n > 0 && capturing != null) {
            captured.write(buffer, offset, n);
        }
        return n;
    }

    private static boolean carriesName(TarArchiveEntry entry) {
        return entry.isGNULongNameEntry() || entry.isPaxHeader() || entry.isGlobalPaxHeader();
    }

    private void endCapture() {
        if (capturing == null) {
            return;
        }
        byte[] bytes = captured.toByteArray();
        captured.reset();
        if (capturing.isGNULongNameEntry()) {
            int length = bytes.length;
            while (length > 0 && bytes[length - 1] == 0) {
                length--;
            }
            rawNames.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        } else {
            String path = paxPath(bytes);
            if (path != null && capturing.isGlobalPaxHeader()) {
                globalPath = path;
            } else if (path != null) {
                rawNames.add(path);
            }
        }
        capturing = null;
    }

    /** The last {@code path} record of a PAX header ({@code "<length> <key>=<value>\n"} records), or null. */
    static String paxPath(byte[] header) {
        String path = null;
        int position = 0;
        while (position < header.length) {
            int space = position;
            int length = 0;
            while (space < header.length && header[space] >= '0' && header[space] <= '9' && length < header.length) {
                length = length * 10 + (header[space] - '0');
                space++;
            }
            if (space == position || space >= header.length || header[space] != ' ' || length <= space - position + 1
                    || position + length > header.length) {
                return path;
            }
            int end = position + length - 1;
            int equals = space + 1;
            while (equals < end && header[equals] != '=') {
                equals++;
            }
            if (equals < end && "path".equals(new String(header, space + 1, equals - space - 1, StandardCharsets.UTF_8))) {
                path = new String(header, equals + 1, end - equals - 1, StandardCharsets.UTF_8);
            }
            position += length;
        }
        return path;
    }
}
