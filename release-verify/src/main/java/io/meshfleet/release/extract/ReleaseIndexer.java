package io.meshfleet.release.extract;

import io.meshfleet.release.extract.ReleaseLayoutException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Indexes an extracted release: its single top directory {@code istio-<version>/}, the istioctl binary and
 * its SHA-256, the profiles under {@code manifests/profiles/} and the samples under {@code samples/}. Nothing
 * is followed through a symlink: only real files and directories count, so the index describes what the
 * archive itself holds.
 */
public final class ReleaseIndexer {

    private static final String TOP_PREFIX = "istio-";
    private static final String PROFILE_SUFFIX = ".yaml";

    /**
     * Indexes the release extracted into {@code stagingDir} (as {@link SafeExtractor} leaves it).
     *
     * @param expectedVersion the version the archive was fetched as, e.g. {@code 1.5.10-asm.2}
     * @param platform        the platform the archive was fetched for; decides {@code istioctl} or {@code istioctl.exe}
     */
    public IndexedRelease index(Path stagingDir, String expectedVersion, Platform platform)
            throws ReleaseLayoutException, IOException {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(platform, "platform");
        Path top = topDirectory(stagingDir);
        String topName = top.getFileName().toString();
        String version = topName.substring(TOP_PREFIX.length());
        if (!version.equals(expectedVersion)) {
            throw new ReleaseLayoutException(Problem.VERSION_MISMATCH, "the archive holds " + topName + "/ but "
                    + expectedVersion + " was expected: the mirror may have stored another release under this name");
        }
        String istioctlPath = topName + "/bin/" + platform.istioctlName();
        Path istioctl = top.resolve("bin").resolve(platform.istioctlName());
        BasicFileAttributes attributes = attributes(istioctl);
        if (attributes == null || !attributes.isRegularFile()) {
            throw new ReleaseLayoutException(Problem.INCOMPLETE, istioctlPath + (attributes == null
                    ? " is missing" : " is not a regular file") + ": without it the release cannot be installed");
        }
        if (platform != Platform.WIN && attributes instanceof PosixFileAttributes posix
                && !posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE)) {
            throw new ReleaseLayoutException(Problem.INCOMPLETE, istioctlPath
                    + " is not executable: the archive did not mark it so");
        }
        List<String> profiles = names(top.resolve("manifests").resolve("profiles"),
                BasicFileAttributes::isRegularFile, name -> name.endsWith(PROFILE_SUFFIX) && name.length() > PROFILE_SUFFIX.length());
        List<String> samples = names(top.resolve("samples"), BasicFileAttributes::isDirectory, name -> true);
        return new IndexedRelease(version, platform, top, new ReleaseContents(istioctlPath, sha256(istioctl),
                profiles.stream().map(name -> name.substring(0, name.length() - PROFILE_SUFFIX.length())).toList(),
                samples));
    }

    private static Path topDirectory(Path stagingDir) throws ReleaseLayoutException, IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(stagingDir)) {
            stream.forEach(children::add);
        }
        if (children.size() != 1) {
            throw new ReleaseLayoutException(Problem.NO_SINGLE_TOP_DIRECTORY, "the archive holds " + children.size()
                    + " top-level entries; a release holds exactly one, istio-<version>/");
        }
        Path top = children.get(0);
        BasicFileAttributes attributes = attributes(top);
        String name = top.getFileName().toString();
        if (attributes == null || !attributes.isDirectory() || !name.startsWith(TOP_PREFIX)
                || name.length() == TOP_PREFIX.length()) {
            throw new ReleaseLayoutException(Problem.NO_SINGLE_TOP_DIRECTORY, "the archive's only top-level entry is \""
                    + name + "\", not a directory istio-<version>/");
        }
        return top;
    }

    /** The names of the entries of {@code dir} whose attributes and name pass, sorted; none if it is not a real directory. */
    private static List<String> names(Path dir, Predicate<BasicFileAttributes> kind, Predicate<String> name)
            throws IOException {
        BasicFileAttributes attributes = attributes(dir);
        if (attributes == null || !attributes.isDirectory()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                BasicFileAttributes childAttributes = attributes(child);
                String childName = child.getFileName().toString();
                if (childAttributes != null && kind.test(childAttributes) && name.test(childName)) {
                    names.add(childName);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** The attributes of the path itself (a link is a link), or null when nothing is there. */
    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            try {
                return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException e) {
                // Windows: no permissions to read, and istioctl.exe needs none.
                return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
