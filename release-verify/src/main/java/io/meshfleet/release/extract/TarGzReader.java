package io.meshfleet.release.extract;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads a gzip-compressed tar entry by entry into a {@link StagingTree}. */
final class TarGzReader {

    private static final int ANY_EXECUTE = 0111;

    private final CountingInputStream file;
    private final CountingInputStream tarBytes;
    private final RawNameTarInputStream tar;
    private final ExtractionBudget budget;
    private final StagingTree tree;
    private String lastName;

    private TarGzReader(CountingInputStream file, CountingInputStream tarBytes, ExtractionLimits limits, Path root) {
        this.file = file;
        this.tarBytes = tarBytes;
        this.tar = new RawNameTarInputStream(tarBytes);
        this.budget = new ExtractionBudget(limits, file::count, tarBytes::count);
        this.tree = new StagingTree(root, budget);
    }

    static ExtractionResult extract(Path archive, Path root, ExtractionLimits limits)
            throws UnsafeArchiveException, IOException {
        try (CountingInputStream file = new CountingInputStream(Files.newInputStream(archive))) {
            GzipCompressorInputStream gzip;
            try {
                // Concatenated members, as gunzip and tar read them.
                gzip = GzipCompressorInputStream.builder().setInputStream(file).setDecompressConcatenated(true).get();
            } catch (IOException e) {
                throw failure(file, null, "it is not a gzip stream", e);
            }
            try (CountingInputStream tarBytes = new CountingInputStream(gzip)) {
                TarGzReader reader = new TarGzReader(file, tarBytes, limits, root);
                reader.readAll();
                return reader.tree.result();
            }
        }
    }

    private void readAll() throws UnsafeArchiveException, IOException {
        for (TarArchiveEntry entry; (entry = nextEntry()) != null; ) {
            String name = entry.getName();
            lastName = name;
            budget.entry(name);
            // Headers (long names, PAX records, padding) are decompressed before the entry shows up.
            budget.checkRatio(name);
            for (String raw : tar.rawNames()) {
                EntryPath.parse(raw);
            }
            EntryPath path = EntryPath.parse(name);
            extract(entry, name, path);
        }
    }

    private void extract(TarArchiveEntry entry, String name, EntryPath path) throws UnsafeArchiveException, IOException {
        if (entry.isSparse()) {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED_ENTRY, name,
                    "a sparse file; a release holds only regular files, directories and links");
        }
        switch (entry.getLinkFlag()) {
            case TarConstants.LF_DIR -> {
                requireNoData(entry, name, "directory");
                tree.directory(path, name);
            }
            case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG -> {
                if (name.endsWith("/")) {
                    // Pre-POSIX tars mark directories by the trailing slash alone.
                    requireNoData(entry, name, "directory");
                    tree.directory(path, name);
                } else {
                    budget.declared(name, entry.getSize());
                    tree.file(path, name, (entry.getMode() & ANY_EXECUTE) != 0, this::readData);
                }
            }
            case TarConstants.LF_SYMLINK -> {
                requireNoData(entry, name, "symlink");
                tree.symlink(path, name, entry.getLinkName());
            }
            case TarConstants.LF_LINK -> {
                requireNoData(entry, name, "hard link");
                tree.hardLink(path, name, entry.getLinkName());
            }
            case TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO -> throw new UnsafeArchiveException(
                    Reason.UNSUPPORTED_ENTRY, name, "a " + (entry.isFIFO() ? "FIFO" : "device file")
                            + "; a release holds only regular files, directories and links");
            default -> throw new UnsafeArchiveException(Reason.UNSUPPORTED_ENTRY, name, "tar entry type '"
                    + UnsafeArchiveException.printable(String.valueOf((char) entry.getLinkFlag()))
                    + "'; a release holds only regular files, directories and links");
        }
    }

    /**
     * Refuses data on an entry that should carry none: reading past it would decompress bytes nobody checks,
     * which is how a bomb could hide behind a directory entry.
     */
    private static void requireNoData(TarArchiveEntry entry, String name, String kind) throws UnsafeArchiveException {
        if (entry.getSize() != 0) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name,
                    "a " + kind + " entry that carries " + entry.getSize() + " bytes of data");
        }
    }

    private TarArchiveEntry nextEntry() throws UnsafeArchiveException, IOException {
        try {
            return tar.next();
        } catch (IOException e) {
            throw failure(file, lastName, "a tar header could not be read"
                    + (lastName == null ? "" : " after this entry"), e);
        }
    }

    private int readData(byte[] buffer) throws UnsafeArchiveException, IOException {
        try {
            return tar.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw failure(file, lastName, "the entry's data could not be read", e);
        }
    }

    /**
     * What a failure while reading means: an I/O fault of the archive file itself stays an {@link IOException};
     * anything the decompressor or the tar parser threw is a malformed archive.
     */
    private static IOException failure(CountingInputStream file, String name, String what, IOException e)
            throws UnsafeArchiveException {
        if (file.failure() != null) {
            return e;
        }
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            causes.append(causes.length() == 0 ? "" : ": ").append(t.getMessage());
        }
        throw new UnsafeArchiveException(Reason.MALFORMED, name, what + " (" + causes
                + "): the archive is corrupt or truncated");
    }
}
