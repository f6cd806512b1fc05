package io.meshfleet.sim.release;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a zip archive whose bytes depend only on the entries and the instant, not on the time zone. */
final class ZipArchive {

    private ZipArchive() {
    }

    static void write(List<ReleaseEntry> entries, Instant modified, OutputStream out) throws IOException {
        LocalDateTime time = LocalDateTime.ofInstant(modified, ZoneOffset.UTC);
        ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, StandardCharsets.UTF_8);
        for (ReleaseEntry entry : entries) {
            ZipEntry zipEntry = new ZipEntry(entry.path());
            // setTimeLocal, unlike setTime, does not convert through the JVM's default time zone
            zipEntry.setTimeLocal(time);
            zip.putNextEntry(zipEntry);
            zip.write(entry.contentUnsafe());
            zip.closeEntry();
        }
        zip.finish();
        zip.close();
    }
}
