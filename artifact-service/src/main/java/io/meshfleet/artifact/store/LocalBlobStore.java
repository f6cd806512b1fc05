package io.meshfleet.artifact.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in one local directory:
 *
 * <pre>
 * blobs/sha256/ab/abcd...      published archives, read-only
 * trees/sha256/abcd.../        the tree each was extracted to
 * work/incoming/&lt;request&gt;/      downloads in progress (resumed after a restart)
 * work/staging/&lt;uuid&gt;/         extraction in progress (emptied at start)
 * </pre>
 *
 * All four live on one file system, so publishing is a rename: atomic, and never a partial file.
 */
public final class LocalBlobStore implements BlobStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}");

    private final Path blobs;
    private final Path trees;
    private final Path incoming;
    private final Path staging;

    /** Opens (creating when needed) the store under {@code root} and removes staging directories a crash left behind. */
    public LocalBlobStore(Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        this.blobs = Files.createDirectories(base.resolve("blobs/sha256"));
        this.trees = Files.createDirectories(base.resolve("trees/sha256"));
        this.incoming = Files.createDirectories(base.resolve("work/incoming"));
        this.staging = Files.createDirectories(base.resolve("work/staging"));
        try (Stream<Path> leftovers = Files.list(staging)) {
            for (Path leftover : leftovers.toList()) {
                deleteTree(leftover);
            }
        }
    }

    @Override
    public Path incoming(String requestId, String fileName) throws IOException {
        return Files.createDirectories(requestDir(requestId)).resolve(checkFileName(fileName));
    }

    @Override
    public Path newStagingDir() {
        return staging.resolve(UUID.randomUUID().toString());
    }

    @Override
    public void publishBlob(Path verifiedFile, String sha256) throws IOException {
        Path target = blobPath(sha256);
        if (Files.exists(target)) {
            Files.deleteIfExists(verifiedFile);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.setPosixFilePermissions(verifiedFile, PosixFilePermissions.fromString("r--r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // the bytes are what matters; permissions are a second line of defence where the file system has them
        }
        try {
            Files.move(verifiedFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(verifiedFile);
        }
    }

    @Override
    public void publishTree(Path stagingDir, String sha256) throws IOException {
        Path target = trees.resolve(checkSha256(sha256));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(stagingDir);
            return;
        }
        try {
            Files.move(stagingDir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            deleteTree(stagingDir);
        }
    }

    @Override
    public Optional<Path> blob(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path path = blobPath(sha256);
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public Optional<Path> treeFile(String sha256, String relativePath) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path tree = trees.resolve(sha256);
        Path file = tree.resolve(relativePath).normalize();
        if (!file.startsWith(tree) || file.equals(tree)) {
            return Optional.empty();
        }
        try {
            // Resolve every link on the way: the served file must be inside the tree for real.
            Path real = file.toRealPath();
            if (!real.startsWith(tree.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    @Override
    public void discardStaging(Path stagingDir) throws IOException {
        Path dir = stagingDir.toAbsolutePath().normalize();
        if (!dir.getParent().equals(staging)) {
            throw new IllegalArgumentException(stagingDir + " is not a staging directory of this store");
        }
        deleteTree(dir);
    }

    @Override
    public void discardIncoming(String requestId) throws IOException {
        deleteTree(requestDir(requestId));
    }

    @Override
    public void discardIncomingFile(String requestId, String fileName) throws IOException {
        Files.deleteIfExists(requestDir(requestId).resolve(checkFileName(fileName)));
    }

    private Path blobPath(String sha256) {
        checkSha256(sha256);
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Request ids come from clients (an Idempotency-Key header): the directory is named by their digest. */
    private Path requestDir(String requestId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
            return incoming.resolve(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String checkSha256(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256);
        }
        return sha256;
    }

    private static String checkFileName(String fileName) {
        if (!FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        return fileName;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
