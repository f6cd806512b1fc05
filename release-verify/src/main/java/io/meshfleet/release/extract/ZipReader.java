package io.meshfleet.release.extract;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Reads a zip through its central directory into a {@link StagingTree}, after checking that every local
 * header names the same entry as the central directory and that no two entries share bytes: a streaming
 * reader follows the local headers, so a disagreement means two tools would extract two different trees,
 * and overlapping entries are how a small zip expands to terabytes.
 */
final class ZipReader {

    private static final int FILE_TYPE = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    private static final int ANY_EXECUTE = 0111;
    /** PATH_MAX on Linux: no longer symlink target can be created anyway. */
    private static final int MAX_LINK_TARGET = 4096;
    private static final int LOCAL_HEADER_LENGTH = 30;

    private final ZipFile zip;
    private final ExtractionBudget budget;
    private final StagingTree tree;
    private long compressedDone;
    private long decompressedDone;
    private InputStreamStatistics current;

    private ZipReader(ZipFile zip, ExtractionLimits limits, Path root) {
        this.zip = zip;
        this.budget = new ExtractionBudget(limits, this::compressedRead, this::decompressed);
        this.tree = new StagingTree(root, budget);
    }

    static ExtractionResult extract(Path archive, Path root, ExtractionLimits limits)
            throws UnsafeArchiveException, IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            ZipCentralDirectory directory = ZipCentralDirectory.read(channel, limits);
            ZipFile zip;
            try {
                // Unicode extra fields off: the name checked is the name in the record, not a second one beside it.
                zip = ZipFile.builder().setSeekableByteChannel(channel).setCharset(StandardCharsets.UTF_8)
                        .setUseUnicodeExtraFields(false).get();
            } catch (IOException e) {
                throw new UnsafeArchiveException(Reason.MALFORMED, null, "not a well-formed zip: " + e.getMessage());
            }
            try (zip) {
                List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
                if (entries.size() != directory.entries()) {
                    throw new UnsafeArchiveException(Reason.MALFORMED, null, "commons-compress read " + entries.size()
                            + " entries where the central directory holds " + directory.entries());
                }
                checkLocalHeaders(channel, entries, directory);
                ZipReader reader = new ZipReader(zip, limits, root);
                for (ZipArchiveEntry entry : entries) {
                    reader.extract(entry);
                }
                return reader.tree.result();
            }
        }
    }

    private static void checkLocalHeaders(FileChannel channel, List<ZipArchiveEntry> entries,
            ZipCentralDirectory directory) throws UnsafeArchiveException, IOException {
        for (ZipArchiveEntry entry : entries) {
            String name = entry.getName();
            long offset = entry.getLocalHeaderOffset();
            if (offset < 0 || offset + LOCAL_HEADER_LENGTH > directory.offset()) {
                throw new UnsafeArchiveException(Reason.MALFORMED, name, "its local header offset " + offset
                        + " is not before the central directory");
            }
            ByteBuffer header = ZipCentralDirectory.read(channel, offset, LOCAL_HEADER_LENGTH);
            if (header.getInt(0) != ZipCentralDirectory.LOCAL_SIGNATURE) {
                throw new UnsafeArchiveException(Reason.MALFORMED, name,
                        "there is no local header where the central directory says (offset " + offset + ")");
            }
            int nameLength = ZipCentralDirectory.unsigned16(header, 26);
            if (offset + LOCAL_HEADER_LENGTH + nameLength > directory.offset()) {
                throw new UnsafeArchiveException(Reason.MALFORMED, name, "its local header runs into the central directory");
            }
            byte[] localName = ZipCentralDirectory.read(channel, offset + LOCAL_HEADER_LENGTH, nameLength).array();
            if (!Arrays.equals(localName, entry.getRawName())) {
                throw new UnsafeArchiveException(Reason.MALFORMED, name, "its local header names it \""
                        + UnsafeArchiveException.printable(new String(localName, StandardCharsets.UTF_8))
                        + "\": a reader that follows local headers (a streaming unzip) would extract something else");
            }
        }
        List<ZipArchiveEntry> physical = new ArrayList<>(entries);
        physical.sort(Comparator.comparingLong(ZipArchiveEntry::getLocalHeaderOffset));
        for (int i = 0; i < physical.size(); i++) {
            ZipArchiveEntry entry = physical.get(i);
            long dataEnd = entry.getDataOffset() + entry.getCompressedSize();
            long limit = i + 1 < physical.size() ? physical.get(i + 1).getLocalHeaderOffset() : directory.offset();
            if (entry.getDataOffset() < 0 || entry.getCompressedSize() < 0 || dataEnd > limit) {
                throw new UnsafeArchiveException(Reason.MALFORMED, entry.getName(), "its data (" + entry.getCompressedSize()
                        + " bytes at " + entry.getDataOffset() + ") overlaps the next entry or the central directory;"
                        + " entries that share bytes are how a small zip expands without limit");
            }
        }
    }

    private void extract(ZipArchiveEntry entry) throws UnsafeArchiveException, IOException {
        String name = decodeName(entry);
        budget.entry(name);
        EntryPath path = EntryPath.parse(name);
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED_ENTRY, name, "the entry is encrypted");
        }
        int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
        int type = mode & FILE_TYPE;
        if (type == SYMLINK) {
            String target = linkTarget(entry, name);
            tree.symlink(path, name, target);
        } else if (type == DIRECTORY || (type == 0 || type == REGULAR_FILE) && name.endsWith("/")) {
            if (entry.getSize() != 0) {
                throw new UnsafeArchiveException(Reason.MALFORMED, name,
                        "a directory entry that carries " + entry.getSize() + " bytes of data");
            }
            tree.directory(path, name);
        } else if (type == 0 || type == REGULAR_FILE) {
            budget.declared(name, entry.getSize());
            InputStream data = open(entry, name);
            CRC32 crc = new CRC32();
            long[] size = {0};
            try (data) {
                tree.file(path, name, (mode & ANY_EXECUTE) != 0, buffer -> {
                    int n = read(data, buffer, name);
                    if (n > 0) {
                        crc.update(buffer, 0, n);
                        size[0] += n;
                        if (size[0] > entry.getSize()) {
                            throw new UnsafeArchiveException(Reason.MALFORMED, name, "the entry expands past the "
                                    + entry.getSize() + " bytes the central directory declares");
                        }
                    }
                    return n;
                });
            } finally {
                finished();
            }
            if (size[0] != entry.getSize() || entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new UnsafeArchiveException(Reason.MALFORMED, name, "the entry's data (" + size[0]
                        + " bytes) does not match its declared size (" + entry.getSize() + ") and CRC: corrupt");
            }
        } else {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED_ENTRY, name, "a " + describe(type)
                    + " (mode " + Integer.toOctalString(mode) + "); a release holds only regular files, directories and links");
        }
    }

    private String linkTarget(ZipArchiveEntry entry, String name) throws UnsafeArchiveException, IOException {
        byte[] target = new byte[MAX_LINK_TARGET + 1];
        int length = 0;
        try (InputStream data = open(entry, name)) {
            for (int n; length < target.length && (n = readInto(data, target, length, name)) >= 0; ) {
                length += n;
            }
        } finally {
            finished();
        }
        if (length > MAX_LINK_TARGET) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name, "a symlink target longer than " + MAX_LINK_TARGET + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(target, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name, "the symlink target is not UTF-8");
        }
    }

    private InputStream open(ZipArchiveEntry entry, String name) throws UnsafeArchiveException {
        int method = entry.getMethod();
        if (method != ZipMethod.STORED.getCode() && method != ZipMethod.DEFLATED.getCode()) {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED_ENTRY, name, "compression method " + method
                    + "; releases use only stored and deflated entries");
        }
        InputStream data;
        try {
            data = zip.getInputStream(entry);
        } catch (IOException e) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name, "the entry's data cannot be read: " + e.getMessage());
        }
        if (!(data instanceof InputStreamStatistics statistics)) {
            throw new IllegalStateException("commons-compress returned a stream without statistics for method " + method);
        }
        current = statistics;
        return data;
    }

    private void finished() {
        if (current != null) {
            compressedDone += current.getCompressedCount();
            decompressedDone += current.getUncompressedCount();
            current = null;
        }
    }

    private long compressedRead() {
        return compressedDone + (current == null ? 0 : current.getCompressedCount());
    }

    private long decompressed() {
        return decompressedDone + (current == null ? 0 : current.getUncompressedCount());
    }

    private static int read(InputStream data, byte[] buffer, String name) throws UnsafeArchiveException {
        return readInto(data, buffer, 0, name);
    }

    private static int readInto(InputStream data, byte[] buffer, int offset, String name) throws UnsafeArchiveException {
        try {
            return data.read(buffer, offset, buffer.length - offset);
        } catch (IOException e) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name, "the entry's data is corrupt: " + e.getMessage());
        }
    }

    /** The entry's name decoded strictly, so two different byte strings never end up as the same name. */
    private static String decodeName(ZipArchiveEntry entry) throws UnsafeArchiveException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(entry.getRawName())).toString();
        } catch (CharacterCodingException e) {
            throw new UnsafeArchiveException(Reason.MALFORMED, entry.getName(), "the name is not UTF-8");
        }
    }

    private static String describe(int type) {
        return switch (type) {
            case 0010000 -> "FIFO";
            case 0020000 -> "character device";
            case 0060000 -> "block device";
            case 0140000 -> "socket";
            default -> "file of unknown type";
        };
    }
}
