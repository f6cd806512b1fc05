package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive writers on their own, read back by the real tar and Python's zipfile. */
class ArchiveFormatTest {

    private static final Instant TIME = Instant.parse("2021-03-04T05:06:08Z");

    @TempDir
    Path work;

    @Test
    void longPathsUseTheUstarPrefixAndHostilePathsAreWrittenVerbatim() throws Exception {
        String deep = "istio-1.5.10-asm.2/" + "a-rather-long-directory-name/".repeat(4) + "and-a-file-name-that-is-long-too.yaml";
        List<ReleaseEntry> entries = List.of(
                ReleaseEntry.file(deep, "deep", 0644),
                ReleaseEntry.file("../escape.txt", "hostile", 0600));
        Path archive = write(ArchiveFormat.TAR_GZ, entries, "a.tar.gz");

        ProcessRun list = ProcessRun.run(List.of("tar", "-tvzf", archive.toString()), work, java.util.Map.of("TZ", "UTC"), null);

        assertThat(deep.length()).isGreaterThan(100);
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout().lines()).satisfiesExactly(
                line -> assertThat(line).matches("-rw-r--r-- root/root +4 2021-03-04 05:06 \\Q" + deep + "\\E"),
                line -> assertThat(line).matches("-rw------- root/root +7 2021-03-04 05:06 \\.\\./escape\\.txt"));
    }

    @Test
    void zipTimesDoNotDependOnTheJvmTimeZone() throws Exception {
        List<ReleaseEntry> entries = List.of(ReleaseEntry.directory("d/"), ReleaseEntry.file("d/f.txt", "x", 0644));
        TimeZone original = TimeZone.getDefault();
        byte[] tokyo;
        byte[] utc;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            tokyo = bytes(ArchiveFormat.ZIP, entries);
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            utc = bytes(ArchiveFormat.ZIP, entries);
        } finally {
            TimeZone.setDefault(original);
        }
        Path archive = work.resolve("a.zip");
        Files.write(archive, tokyo);

        ProcessRun list = ProcessRun.run(List.of("python3", "-m", "zipfile", "-l", archive.toString()), work);

        assertThat(tokyo).isEqualTo(utc);
        assertThat(list.stdout()).contains("d/f.txt").contains("2021-03-04 05:06:08");
    }

    @Test
    void entriesAreValidated() {
        assertThatThrownBy(() -> ReleaseEntry.directory("no-slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleaseEntry.file("dir/", "x", 0644)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleaseEntry.file("f", "x", 010000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveFormat.TAR_GZ.write(
                List.of(ReleaseEntry.file("x".repeat(101), "", 0644)), TIME, new ByteArrayOutputStream()))
                .hasMessageContaining("path too long");
        assertThat(ReleaseEntry.file("f", "abc", 0644)).isEqualTo(ReleaseEntry.file("f", "abc", 0644));
    }

    private Path write(ArchiveFormat format, List<ReleaseEntry> entries, String name) throws Exception {
        Path archive = work.resolve(name);
        Files.write(archive, bytes(format, entries));
        return archive;
    }

    private static byte[] bytes(ArchiveFormat format, List<ReleaseEntry> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(entries, TIME, out);
        return out.toByteArray();
    }
}
