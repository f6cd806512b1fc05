package io.meshfleet.sim.release;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a release archive: a directory, or a file with its bytes and POSIX mode.
 *
 * <p>Paths are written verbatim (no normalisation, no check for {@code ..} or a leading {@code /}), so
 * that tests of safe extraction can build hostile archives with {@link ArchiveFormat} as well.
 *
 * @param path      the entry name inside the archive; directories end with {@code /}
 * @param content   the file's bytes; empty for a directory
 * @param mode      POSIX permission bits, e.g. {@code 0755}; tar keeps them, zip does not
 * @param directory whether this entry is a directory
 */
public record ReleaseEntry(String path, byte[] content, int mode, boolean directory) {

    public ReleaseEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("entry path must be non-empty and free of NUL: \"" + path + "\"");
        }
        if (directory != path.endsWith("/")) {
            throw new IllegalArgumentException("directory entries, and only they, end with '/': \"" + path + "\"");
        }
        if (directory && content.length > 0) {
            throw new IllegalArgumentException("a directory has no content: " + path);
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(mode));
        }
        content = content.clone();
    }

    /** A directory entry with mode 0755; {@code path} must end with {@code /}. */
    public static ReleaseEntry directory(String path) {
        return new ReleaseEntry(path, new byte[0], 0755, true);
    }

    /** A regular file. */
    public static ReleaseEntry file(String path, byte[] content, int mode) {
        return new ReleaseEntry(path, content, mode, false);
    }

    /** A regular file holding {@code text} as UTF-8. */
    public static ReleaseEntry file(String path, String text, int mode) {
        return file(path, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    int size() {
        return content.length;
    }

    byte[] contentUnsafe() {
        return content;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseEntry that
                && path.equals(that.path)
                && Arrays.equals(content, that.content)
                && mode == that.mode
                && directory == that.directory;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(content), mode, directory);
    }

    @Override
    public String toString() {
        return "ReleaseEntry[" + path + ", " + content.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
    }
}
