package io.meshfleet.sim.release;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/** The two archive formats of mesh releases, each written deterministically from its entries and one timestamp. */
public enum ArchiveFormat {

    /** A gzip-compressed POSIX ustar archive: modes kept, owner root/root (uid/gid 0). */
    TAR_GZ(".tar.gz"),

    /** A zip archive (deflated); times as MS-DOS local time taken in UTC, so the bytes do not depend on the time zone. */
    ZIP(".zip");

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** {@code .tar.gz} or {@code .zip}. */
    public String extension() {
        return extension;
    }

    /**
     * Writes {@code entries} in the given order, every entry with {@code modified} as its time; the same
     * entries and time give the same bytes. Does not close {@code out}.
     */
    public void write(List<ReleaseEntry> entries, Instant modified, OutputStream out) throws IOException {
        switch (this) {
            case TAR_GZ -> TarGzArchive.write(entries, modified.getEpochSecond(), out);
            case ZIP -> ZipArchive.write(entries, modified, out);
        }
    }
}
