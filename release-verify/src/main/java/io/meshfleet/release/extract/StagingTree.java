package io.meshfleet.release.extract;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes entries into the staging dir, one at a time, and refuses any that would touch something outside
 * it or overwrite something already there. Every parent directory is checked on disk without following
 * links (so a symlink spelled differently on a case-insensitive file system is still caught), files are
 * created with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, and links are created only, never followed.
 */
final class StagingTree {

    /** While extraction runs no other local user may enter, so none can swap a checked directory for a link. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    /** Where an entry's bytes come from; reading failures of the archive arrive as {@code MALFORMED}. */
    @FunctionalInterface
    interface EntryData {
        /** Fills {@code buffer} from the start; -1 at the end of the entry. */
        int read(byte[] buffer) throws UnsafeArchiveException, IOException;
    }

    private final Path root;
    private final ExtractionBudget budget;
    private final byte[] buffer = new byte[64 * 1024];
    /** Directories known to be real: made or checked by this extraction, and nobody else can write here. */
    private final Set<String> directories = new HashSet<>();
    private final Set<String> entryNames = new HashSet<>();
    private final Map<String, ExtractedFile> filesByPath = new HashMap<>();
    private final List<ExtractedFile> files = new ArrayList<>();
    private final List<ExtractedLink> symlinks = new ArrayList<>();

    StagingTree(Path root, ExtractionBudget budget) {
        this.root = root;
        this.budget = budget;
    }

    /** Creates the staging dir, owner-only; it must not exist, so a refusal never deletes anything it did not make. */
    static Path create(Path stagingDir) throws IOException {
        try {
            return Files.createDirectory(stagingDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            // No POSIX permissions (Windows): the directory inherits its parent's ACL.
            return Files.createDirectory(stagingDir);
        }
    }

    /** Deletes the staging dir and everything in it; links are deleted, never followed. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    void directory(EntryPath path, String name) throws UnsafeArchiveException, IOException {
        if (path.isRoot()) {
            // "./" names the staging dir itself, which exists already: tar -C dir . writes one.
            return;
        }
        claim(path, name);
        makeParents(path, name);
        makeDirectory(path, name, true);
    }

    ExtractedFile file(EntryPath path, String name, boolean executable, EntryData data)
            throws UnsafeArchiveException, IOException {
        claimNonRoot(path, name);
        makeParents(path, name);
        Path file = path.resolveIn(root);
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            throw overwrites(path, name);
        }
        MessageDigest sha256 = newSha256();
        long size = 0;
        try (out) {
            setPermissions(file, executable ? EXECUTABLE : REGULAR);
            for (int n; (n = data.read(buffer)) >= 0; ) {
                budget.write(name, size, n);
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                size += n;
            }
        }
        ExtractedFile extracted = new ExtractedFile(path.toString(), size, HexFormat.of().formatHex(sha256.digest()),
                executable);
        files.add(extracted);
        filesByPath.put(extracted.path(), extracted);
        return extracted;
    }

    /**
     * Materialises a hard link as a copy of the earlier regular file it names: a real hard link could point
     * at any file on the same file system, and a copy is as good to every reader of a release.
     */
    ExtractedFile hardLink(EntryPath path, String name, String target) throws UnsafeArchiveException, IOException {
        EntryPath source;
        try {
            source = EntryPath.parse(target);
        } catch (UnsafeArchiveException e) {
            throw new UnsafeArchiveException(e.reason() == Reason.MALFORMED ? Reason.MALFORMED : Reason.LINK_ESCAPES,
                    name, "the hard link's target \"" + UnsafeArchiveException.printable(target)
                            + "\" is not a name inside the archive (" + e.reason() + ")");
        }
        ExtractedFile original = filesByPath.get(source.toString());
        if (original == null) {
            throw new UnsafeArchiveException(Reason.LINK_ESCAPES, name, "the hard link's target \""
                    + UnsafeArchiveException.printable(target) + "\" is not a regular file earlier in this archive,"
                    + " the only thing a hard link may be copied from");
        }
        try (InputStream in = Files.newInputStream(source.resolveIn(root), LinkOption.NOFOLLOW_LINKS)) {
            return file(path, name, original.executable(), in::read);
        }
    }

    void symlink(EntryPath path, String name, String target) throws UnsafeArchiveException, IOException {
        claimNonRoot(path, name);
        String checked = path.checkSymlinkTarget(name, target);
        makeParents(path, name);
        try {
            Files.createSymbolicLink(path.resolveIn(root), Path.of(checked));
        } catch (FileAlreadyExistsException e) {
            throw overwrites(path, name);
        }
        symlinks.add(new ExtractedLink(path.toString(), checked));
    }

    ExtractionResult result() {
        return new ExtractionResult(root, files, symlinks, budget.entries(), budget.bytesWritten());
    }

    private void claimNonRoot(EntryPath path, String name) throws UnsafeArchiveException {
        if (path.isRoot()) {
            throw new UnsafeArchiveException(Reason.MALFORMED, name,
                    "the entry names the staging dir itself but is not a directory");
        }
        claim(path, name);
    }

    private void claim(EntryPath path, String name) throws UnsafeArchiveException {
        if (!entryNames.add(path.toString())) {
            throw new UnsafeArchiveException(Reason.DUPLICATE_ENTRY, name, "an earlier entry has the same path \""
                    + UnsafeArchiveException.printable(path.toString()) + "\"; which one wins would depend on the tool");
        }
    }

    private void makeParents(EntryPath path, String name) throws UnsafeArchiveException, IOException {
        for (int depth = 1; depth < path.depth(); depth++) {
            makeDirectory(path.prefix(depth), name, false);
        }
    }

    private void makeDirectory(EntryPath dir, String name, boolean isEntry) throws UnsafeArchiveException, IOException {
        String key = dir.toString();
        if (directories.contains(key)) {
            return;
        }
        Path path = dir.resolveIn(root);
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            existing = null;
        }
        if (existing == null) {
            Files.createDirectory(path);
            setPermissions(path, DIRECTORY);
        } else if (existing.isSymbolicLink()) {
            if (isEntry) {
                throw overwrites(dir, name);
            }
            throw new UnsafeArchiveException(Reason.WRITE_THROUGH_LINK, name, "the path passes through \""
                    + UnsafeArchiveException.printable(key) + "\", a symlink an earlier entry made; writing through it"
                    + " would land wherever the link points");
        } else if (!existing.isDirectory()) {
            throw new UnsafeArchiveException(Reason.DUPLICATE_ENTRY, name, "the path needs \""
                    + UnsafeArchiveException.printable(key) + "\" to be a directory, but an earlier entry made it a file");
        }
        // An existing real directory: made implicitly for an earlier entry, or the same one spelled differently
        // on a case-insensitive file system.
        directories.add(key);
    }

    private static UnsafeArchiveException overwrites(EntryPath path, String name) {
        return new UnsafeArchiveException(Reason.DUPLICATE_ENTRY, name, "\"" + UnsafeArchiveException.printable(
                path.toString()) + "\" already exists as a file, link or directory from an earlier entry, and nothing"
                + " extracted is ever overwritten");
    }

    /**
     * Sets exactly these permissions, whatever the umask and the archive say: only the executable bit is
     * taken from the archive, never setuid, setgid, sticky or group/other write. Without POSIX attributes
     * (Windows) there is nothing to set.
     */
    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(permissions);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
