package io.meshfleet.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a server keeps its data: the directory the caller gave (kept after close, so data survives
 * the next start), or a temporary one created here and deleted on {@link #release()}.
 */
record DataDirectory(Path path, boolean temporary) {

    /** {@code given} made absolute, or a new temporary directory named {@code prefix...} for {@code server}. */
    static DataDirectory of(Path given, String prefix, String server) {
        if (given != null) {
            return new DataDirectory(given.toAbsolutePath(), false);
        }
        try {
            return new DataDirectory(Files.createTempDirectory(prefix).toAbsolutePath(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for " + server, e);
        }
    }

    /** Deletes the directory if it was created here; a given directory is left as it is. */
    void release() {
        if (temporary) {
            Files2.deleteTree(path);
        }
    }
}
