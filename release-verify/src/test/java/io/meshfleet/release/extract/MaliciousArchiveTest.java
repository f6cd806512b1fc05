package io.meshfleet.release.extract;

import static io.meshfleet.release.extract.TestArchives.TOP;
import static io.meshfleet.release.extract.TestArchives.run;
import static io.meshfleet.release.extract.TestArchives.tarEntry;
import static io.meshfleet.release.extract.TestArchives.tarFile;
import static io.meshfleet.release.extract.TestArchives.write;
import static io.meshfleet.release.extract.TestArchives.zipFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshfleet.release.extract.UnsafeArchiveException.Reason;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malicious corpus: each archive is refused with the right reason, the staging dir is gone afterwards,
 * and nothing exists outside it: its parent ({@code out/}, the sentinel) is empty, the test's base dir holds
 * only what the test put there, and the absolute targets (unique per test under {@code /tmp}) do not exist.
 * Archives come from the real {@code tar} and {@code zip} where those can be made to write the case (GNU tar
 * keeps {@code ../} and {@code /} with {@code -P}; zip keeps {@code ../} and backslashes), and are crafted with
 * commons-compress or by patching bytes where they cannot.
 */
class MaliciousArchiveTest {

    @TempDir
    Path base;
    Path in;
    Path src;
    Path out;
    Path staging;
    /** Where an absolute path in an archive points; unique, so a leak from another run cannot mask this one. */
    Path evil;
    String id;

    @BeforeEach
    void layout() throws IOException {
        id = UUID.randomUUID().toString().substring(0, 8);
        in = Files.createDirectories(base.resolve("in"));
        src = Files.createDirectories(base.resolve("src"));
        out = Files.createDirectories(base.resolve("out"));
        staging = out.resolve("staging");
        evil = Path.of("/tmp", "meshfleet-evil-" + id);
    }

    @AfterEach
    void removeLeaks() throws IOException {
        // Only ever reached if a test failed: do not leave its leak for the next run.
        if (Files.exists(evil, LinkOption.NOFOLLOW_LINKS)) {
            StagingTree.delete(evil);
        }
    }

    // ---- tar.gz, packed by the real tar where it can express the case

    @Test
    void tarDotDotIsRefused() throws Exception {
        write(src.resolve(TOP + "/README"), "benign first entry\n");
        write(src.resolve("payload"), "owned\n");
        Path archive = tar("traversal.tar.gz", "--transform=s,^payload$,../../evil-" + id + ",", TOP + "/README", "payload");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.PATH_TRAVERSAL, "../../evil-" + id);
    }

    @Test
    void tarAbsolutePathIsRefused() throws Exception {
        write(src.resolve("payload"), "owned\n");
        Path archive = tar("absolute.tar.gz", "--transform=s,^payload$," + evil + "/evil,", "payload");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.ABSOLUTE_PATH, evil + "/evil");
    }

    @Test
    void tarLongAbsolutePathInAPaxRecordIsRefusedNotMadeRelative() throws Exception {
        // commons-compress strips the leading '/' from PAX paths; the raw record must still be judged.
        write(src.resolve("payload"), "owned\n");
        String name = evil + "/" + "x".repeat(120);
        Path archive = tar("pax-absolute.tar.gz", "--format=pax", "--transform=s,^payload$," + name + ",", "payload");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.ABSOLUTE_PATH, name);
    }

    @Test
    void tarLongAbsolutePathInAGnuLongNameIsRefusedNotMadeRelative() throws Exception {
        write(src.resolve("payload"), "owned\n");
        String name = evil + "/" + "y".repeat(120);
        Path archive = tar("gnu-absolute.tar.gz", "--format=gnu", "--transform=s,^payload$," + name + ",", "payload");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.ABSOLUTE_PATH, name);
    }

    @Test
    void tarSymlinkToAnAbsoluteDirThenWriteThroughItIsRefusedAtTheLink() throws Exception {
        Files.createDirectories(src.resolve(TOP));
        Files.createSymbolicLink(src.resolve(TOP + "/link"), evil);
        write(src.resolve(TOP + "/real/evil"), "owned\n");
        Path archive = tar("link-then-write.tar.gz", "--transform=s,^" + TOP + "/real/evil$," + TOP + "/link/evil,",
                TOP, TOP + "/link", TOP + "/real/evil");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, TOP + "/link");
    }

    @Test
    void tarWriteThroughAnInsideSymlinkIsRefused() throws Exception {
        Files.createDirectories(src.resolve(TOP + "/bin"));
        Files.createSymbolicLink(src.resolve(TOP + "/link"), Path.of("bin"));
        write(src.resolve(TOP + "/real/evil"), "owned\n");
        Path archive = tar("inside-link-then-write.tar.gz",
                "--transform=s,^" + TOP + "/real/evil$," + TOP + "/link/evil,", TOP, TOP + "/bin", TOP + "/link",
                TOP + "/real/evil");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.WRITE_THROUGH_LINK, TOP + "/link/evil");
    }

    @Test
    void tarSymlinkClimbingOutIsRefused() throws Exception {
        Files.createDirectories(src.resolve(TOP + "/samples"));
        Files.createSymbolicLink(src.resolve(TOP + "/samples/escape"), Path.of("../../../evil-" + id));
        Path archive = tar("symlink-escape.tar.gz", TOP, TOP + "/samples", TOP + "/samples/escape");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, TOP + "/samples/escape");
    }

    @Test
    void tarSymlinkToTheStagingDirItselfIsRefused() throws Exception {
        Files.createSymbolicLink(src.resolve("self"), Path.of("."));
        Path archive = tar("self.tar.gz", "self");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, "self");
    }

    @Test
    void tarSymlinkClimbingToTheStagingDirFromBelowIsRefused() throws Exception {
        Files.createDirectories(src.resolve(TOP));
        Files.createSymbolicLink(src.resolve(TOP + "/up"), Path.of(".."));
        Path archive = tar("up.tar.gz", TOP, TOP + "/up");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, TOP + "/up");
    }

    @Test
    void tarHardLinkOutsideIsRefused() throws Exception {
        hardLinkPair();
        Path archive = tar("hardlink-outside.tar.gz", "--transform=s,^" + TOP + "/bin/a$,../../evil-" + id + ",RSh",
                TOP + "/bin/a", TOP + "/bin/b");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, TOP + "/bin/b");
    }

    @Test
    void tarHardLinkToAnAbsolutePathIsRefused() throws Exception {
        hardLinkPair();
        Path archive = tar("hardlink-absolute.tar.gz", "--transform=s,^" + TOP + "/bin/a$,/etc/passwd,RSh",
                TOP + "/bin/a", TOP + "/bin/b");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, TOP + "/bin/b");
    }

    @Test
    void tarHardLinkToANonEntryIsRefused() throws Exception {
        hardLinkPair();
        Path archive = tar("hardlink-missing.tar.gz", "--transform=s,^" + TOP + "/bin/a$," + TOP + "/bin/missing,RSh",
                TOP + "/bin/a", TOP + "/bin/b");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.LINK_ESCAPES, TOP + "/bin/b");
    }

    @Test
    void tarDuplicateEntryIsRefused() throws Exception {
        Path file = write(src.resolve(TOP + "/bin/istioctl"), "first\n");
        Path tar = in.resolve("duplicate.tar");
        run(src, "tar", "-cf", tar.toString(), TOP + "/bin/istioctl");
        Files.writeString(file, "second, appended with tar -r\n");
        run(src, "tar", "-rf", tar.toString(), TOP + "/bin/istioctl");
        run(in, "gzip", "duplicate.tar");

        assertRefused(in.resolve("duplicate.tar.gz"), ArchiveType.TAR_GZ, Reason.DUPLICATE_ENTRY, TOP + "/bin/istioctl");
    }

    @Test
    void tarFileOverAnEarlierSymlinkIsRefused() throws Exception {
        Files.createDirectories(src.resolve(TOP));
        Files.createSymbolicLink(src.resolve(TOP + "/istioctl"), Path.of("bin/istioctl"));
        Path tar = in.resolve("file-over-link.tar");
        run(src, "tar", "-cf", tar.toString(), TOP + "/istioctl");
        Files.delete(src.resolve(TOP + "/istioctl"));
        write(src.resolve(TOP + "/istioctl"), "replaces the link\n");
        run(src, "tar", "-rf", tar.toString(), TOP + "/istioctl");
        run(in, "gzip", "file-over-link.tar");

        assertRefused(in.resolve("file-over-link.tar.gz"), ArchiveType.TAR_GZ, Reason.DUPLICATE_ENTRY, TOP + "/istioctl");
    }

    @Test
    void tarFifoIsRefused() throws Exception {
        Files.createDirectories(src.resolve(TOP));
        run(src, "mkfifo", TOP + "/pipe");
        Path archive = tar("fifo.tar.gz", TOP, TOP + "/pipe");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.UNSUPPORTED_ENTRY, TOP + "/pipe");
    }

    @Test
    void tarDeviceIsRefused() throws Exception {
        // Making a device node needs root; commons-compress writes the header without one.
        Path archive = TestArchives.craftedTarGz(in.resolve("device.tar.gz"), tar -> {
            tarFile(tar, TOP + "/README", "benign\n");
            tarEntry(tar, TOP + "/null", TarConstants.LF_CHR, null);
        });

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.UNSUPPORTED_ENTRY, TOP + "/null");
    }

    @Test
    void tarNulInAPaxNameIsRefused() throws Exception {
        // A ustar name field ends at the first NUL; a PAX path record can carry one.
        String name = TOP + "/" + "n".repeat(100) + "\0.yaml";
        Path archive = TestArchives.craftedTarGz(in.resolve("nul.tar.gz"), tar -> tarFile(tar, name, "x\n"));

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.MALFORMED, name);
    }

    @Test
    void gzipBombIsRefusedOnItsRatioAfterLittleOutput() throws Exception {
        // 1 GiB of zeros in four entries, each within the per-entry limit, compressed to about 1 MiB.
        long gib = 1L << 30;
        Path archive = TestArchives.zeroBomb(in.resolve("bomb.tar.gz"), TOP + "/zeros", 4, gib / 4);
        assertThat(Files.size(archive)).isBetween(512L * 1024, 2L * 1024 * 1024);
        byte[] bytes = Files.readAllBytes(archive);
        long isize = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        // gunzip -t accepts it (checked when the generator was written): CRC and length cover the whole tar.
        assertThat(isize).as("gzip ISIZE: the tar is 1 GiB plus headers and end blocks").isBetween(gib, gib + 20480);

        // Refused on the first entry: the ratio is judged on the bytes actually produced, long before 1 GiB.
        UnsafeArchiveException refusal = assertRefused(archive, ArchiveType.TAR_GZ, Reason.COMPRESSION_RATIO, TOP + "/zeros0");

        assertThat(refusal.getMessage()).contains("more than 100:1");
    }

    @Test
    void gzipBombInOneEntryIsRefusedOnItsDeclaredSizeBeforeAnyData() throws Exception {
        Path archive = TestArchives.zeroBomb(in.resolve("bomb.tar.gz"), TOP + "/zeros", 1, 1L << 30);

        UnsafeArchiveException refusal = assertRefused(archive, ArchiveType.TAR_GZ, Reason.TOO_LARGE, TOP + "/zeros0");

        assertThat(refusal.getMessage()).contains("declares 1073741824 bytes");
    }

    @Test
    void tarWithMoreEntriesThanTheLimitIsRefusedAtTheFirstOneTooMany() throws Exception {
        List<String> names = new ArrayList<>(List.of(TOP));
        for (int i = 0; i < 12; i++) {
            names.add(write(src.resolve(TOP + "/f" + i), "x").toString().substring(src.toString().length() + 1));
        }
        Path archive = tar("many.tar.gz", names.toArray(String[]::new));

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.TOO_MANY_ENTRIES, null,
                new ExtractionLimits(10, 1 << 20, 1 << 20, 100, 1 << 20));
    }

    @Test
    void tarEntryLargerThanThePerEntryLimitIsRefused() throws Exception {
        byte[] random = new byte[3 << 20];
        new Random(7).nextBytes(random);
        write(src.resolve(TOP + "/bin/istioctl"), random);
        Path archive = tar("large-entry.tar.gz", TOP + "/bin/istioctl");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.TOO_LARGE, TOP + "/bin/istioctl",
                new ExtractionLimits(100, 16 << 20, 2 << 20, 100, 1 << 20));
    }

    @Test
    void tarLargerThanTheTotalLimitIsRefused() throws Exception {
        Random random = new Random(8);
        for (int i = 0; i < 4; i++) {
            byte[] bytes = new byte[1 << 20];
            random.nextBytes(bytes);
            write(src.resolve(TOP + "/f" + i), bytes);
        }
        Path archive = tar("large-total.tar.gz", TOP + "/f0", TOP + "/f1", TOP + "/f2", TOP + "/f3");

        assertRefused(archive, ArchiveType.TAR_GZ, Reason.TOO_LARGE, TOP + "/f3",
                new ExtractionLimits(100, (3 << 20) + 10, 2 << 20, 100, 1 << 20));
    }

    @Test
    void truncatedTarGzIsRefusedAsMalformed() throws Exception {
        byte[] random = new byte[256 << 10];
        new Random(9).nextBytes(random);
        write(src.resolve(TOP + "/bin/istioctl"), random);
        Path archive = tar("whole.tar.gz", TOP + "/bin/istioctl");
        byte[] bytes = Files.readAllBytes(archive);
        Path truncated = Files.write(in.resolve("truncated.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        assertRefused(truncated, ArchiveType.TAR_GZ, Reason.MALFORMED, TOP + "/bin/istioctl");
    }

    // ---- zip, packed by the real zip where it can express the case

    @Test
    void zipSlipIsRefused() throws Exception {
        assumeZip();
        // zip stores "../" as given, relative to where it runs: run it two levels below the payload.
        Path build = Files.createDirectories(base.resolve("build"));
        Path cwd = Files.createDirectories(build.resolve("d1/d2"));
        write(cwd.resolve(TOP + "/README"), "benign first entry\n");
        write(build.resolve("evil-" + id), "owned\n");
        Path archive = in.resolve("slip.zip");
        run(cwd, "zip", "-q", archive.toString(), TOP + "/README", "../../evil-" + id);
        StagingTree.delete(build);

        assertRefused(archive, ArchiveType.ZIP, Reason.PATH_TRAVERSAL, "../../evil-" + id);
    }

    @Test
    void zipBackslashTraversalIsRefused() throws Exception {
        assumeZip();
        String name = "..\\..\\evil-" + id;
        write(src.resolve(name), "owned on Windows\n");
        Path archive = zipCli("backslash.zip", name);

        assertRefused(archive, ArchiveType.ZIP, Reason.PATH_TRAVERSAL, name);
    }

    @Test
    void zipDriveLetterPathIsRefused() throws Exception {
        assumeZip();
        String name = "C:\\evil-" + id;
        write(src.resolve(name), "owned on Windows\n");
        Path archive = zipCli("drive.zip", name);

        assertRefused(archive, ArchiveType.ZIP, Reason.ABSOLUTE_PATH, name);
    }

    @Test
    void zipAbsolutePathIsRefused() throws Exception {
        // zip strips a leading '/'; commons-compress writes it.
        String name = evil + "/evil";
        Path archive = TestArchives.craftedZip(in.resolve("absolute.zip"), zip -> zipFile(zip, name, "owned\n"));

        assertRefused(archive, ArchiveType.ZIP, Reason.ABSOLUTE_PATH, name);
    }

    @Test
    void zipWriteThroughAnInsideSymlinkIsRefused() throws Exception {
        assumeZip();
        write(src.resolve(TOP + "/bin/evil"), "owned\n");
        Files.createSymbolicLink(src.resolve(TOP + "/link"), Path.of("bin"));
        // -y stores the link as a link; link/evil is read through it from disk and stored as a file.
        Path archive = zipCli("link-then-write.zip", "-y", TOP + "/link", TOP + "/link/evil");

        assertRefused(archive, ArchiveType.ZIP, Reason.WRITE_THROUGH_LINK, TOP + "/link/evil");
    }

    @Test
    void zipSymlinkClimbingOutIsRefused() throws Exception {
        assumeZip();
        Files.createDirectories(src.resolve(TOP));
        Files.createSymbolicLink(src.resolve(TOP + "/escape"), Path.of("../../evil-" + id));
        Path archive = zipCli("symlink-escape.zip", "-y", TOP + "/escape");

        assertRefused(archive, ArchiveType.ZIP, Reason.LINK_ESCAPES, TOP + "/escape");
    }

    @Test
    void zipDuplicateEntryIsRefused() throws Exception {
        // zip updates an entry in place; commons-compress writes the same name twice.
        Path archive = TestArchives.craftedZip(in.resolve("duplicate.zip"), zip -> {
            zipFile(zip, TOP + "/bin/istioctl", "first\n");
            zipFile(zip, TOP + "/bin/istioctl", "second\n");
        });

        assertRefused(archive, ArchiveType.ZIP, Reason.DUPLICATE_ENTRY, TOP + "/bin/istioctl");
    }

    @Test
    void zipNulInANameIsRefused() throws Exception {
        String name = TOP + "/evil\0.yaml";
        Path archive = TestArchives.craftedZip(in.resolve("nul.zip"), zip -> zipFile(zip, name, "x\n"));

        assertRefused(archive, ArchiveType.ZIP, Reason.MALFORMED, name);
    }

    @Test
    void zipOf100000EntriesIsRefusedBeforeItIsOpened() throws Exception {
        // java.util.zip writes the 100,000 empty entries (and the zip64 end record they need) in a fraction of
        // the time commons-compress takes; the zip CLI would need 100,000 files on disk.
        Path archive = in.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16))) {
            zip.setMethod(ZipOutputStream.STORED);
            for (int i = 0; i < 100_000; i++) {
                ZipEntry entry = new ZipEntry(TOP + "/f" + i);
                entry.setSize(0);
                entry.setCrc(0);
                zip.putNextEntry(entry);
                zip.closeEntry();
            }
        }

        UnsafeArchiveException refusal = assertRefused(archive, ArchiveType.ZIP, Reason.TOO_MANY_ENTRIES, null);

        // Decided from the end record, before any entry is read (no entry name on the refusal).
        assertThat(refusal.getMessage()).as("the count from the zip64 end record").contains("lists 100000 entries");
    }

    @Test
    void zipWithMoreEntriesThanItsEndRecordClaimsIsRefusedWhileCounting() throws Exception {
        // The end record says 3, the central directory holds 12: counted record by record, refused at the 11th.
        Path archive = TestArchives.craftedZip(in.resolve("understated.zip"), zip -> {
            for (int i = 0; i < 12; i++) {
                zipFile(zip, TOP + "/f" + i, "x");
            }
        });
        byte[] bytes = Files.readAllBytes(archive);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(bytes.length - 22 + 8, (short) 3)
                .putShort(bytes.length - 22 + 10, (short) 3);
        Files.write(archive, bytes);

        UnsafeArchiveException refusal = assertRefused(archive, ArchiveType.ZIP, Reason.TOO_MANY_ENTRIES, null,
                new ExtractionLimits(10, 1 << 20, 1 << 20, 100, 1 << 20));

        assertThat(refusal.getMessage()).contains("holds more than 10 entries");
    }

    @Test
    void zipBombIsRefusedOnItsRatio() throws Exception {
        assumeZip();
        // A sparse 64 MiB of zeros: zip deflates it to about 64 KiB.
        try (RandomAccessFile zeros = new RandomAccessFile(Files.createDirectories(src.resolve(TOP)).resolve("zeros").toFile(), "rw")) {
            zeros.setLength(64L << 20);
        }
        Path archive = zipCli("bomb.zip", TOP + "/zeros");

        assertRefused(archive, ArchiveType.ZIP, Reason.COMPRESSION_RATIO, TOP + "/zeros");
    }

    @Test
    void zipWhoseLocalHeaderNamesAnotherEntryIsRefused() throws Exception {
        // The central directory says istio-…/zzzzzzzz, the local header (what a streaming unzip reads) ../../../zzzzzzzzz.
        String central = "istio-1.0/zzzzzzzz";
        String local = "../../../zzzzzzzzz";
        assertThat(local).hasSameSizeAs(central);
        Path archive = TestArchives.craftedZip(in.resolve("mismatch.zip"), zip -> zipFile(zip, central, "owned\n"));
        byte[] bytes = Files.readAllBytes(archive);
        System.arraycopy(local.getBytes(StandardCharsets.US_ASCII), 0, bytes, 30, local.length());
        Files.write(archive, bytes);

        UnsafeArchiveException refusal = assertRefused(archive, ArchiveType.ZIP, Reason.MALFORMED, central);

        assertThat(refusal.getMessage()).contains("local header");
        assertThat(base.resolve("zzzzzzzzz")).doesNotExist();
    }

    @Test
    void zipWhoseEntriesShareBytesIsRefused() throws Exception {
        // Point the second central record at the first entry's local header, under the first entry's name.
        Path archive = TestArchives.craftedZip(in.resolve("overlap.zip"), zip -> {
            zipFile(zip, TOP + "/a", "same\n");
            zipFile(zip, TOP + "/b", "same\n");
        });
        byte[] bytes = Files.readAllBytes(archive);
        List<Integer> records = TestArchives.centralRecords(bytes);
        int second = records.get(1);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(second + 42, 0);
        System.arraycopy((TOP + "/a").getBytes(StandardCharsets.US_ASCII), 0, bytes, second + 46, TOP.length() + 2);
        Files.write(archive, bytes);

        UnsafeArchiveException refusal = assertRefused(archive, ArchiveType.ZIP, Reason.MALFORMED, TOP + "/a");

        assertThat(refusal.getMessage()).contains("overlaps");
    }

    @Test
    void zipWithBytesAppendedIsRefused() throws Exception {
        Path archive = TestArchives.craftedZip(in.resolve("appended.zip"), zip -> zipFile(zip, TOP + "/a", "x\n"));
        Files.write(archive, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        assertRefused(archive, ArchiveType.ZIP, Reason.MALFORMED, null);
    }

    @Test
    void notAZipIsRefusedAsMalformed() throws Exception {
        Path archive = write(in.resolve("garbage.zip"), "this is not a zip at all, just some text");

        assertRefused(archive, ArchiveType.ZIP, Reason.MALFORMED, null);
    }

    // ---- helpers

    private Path tar(String archiveName, String... arguments) throws Exception {
        Path archive = in.resolve(archiveName);
        List<String> command = new ArrayList<>(List.of("tar", "-P", "--no-recursion", "-czf", archive.toString()));
        command.addAll(List.of(arguments));
        run(src, command.toArray(String[]::new));
        return archive;
    }

    private Path zipCli(String archiveName, String... arguments) throws Exception {
        Path archive = in.resolve(archiveName);
        List<String> command = new ArrayList<>(List.of("zip", "-q", archive.toString()));
        command.addAll(List.of(arguments));
        run(src, command.toArray(String[]::new));
        return archive;
    }

    private void hardLinkPair() throws IOException {
        Path a = write(src.resolve(TOP + "/bin/a"), "original\n");
        Files.createLink(src.resolve(TOP + "/bin/b"), a);
    }

    private static void assumeZip() {
        assumeTrue(TestArchives.zipAvailable(), "the zip CLI is needed to pack this case");
    }

    private UnsafeArchiveException assertRefused(Path archive, ArchiveType type, Reason reason, String entryName)
            throws IOException {
        return assertRefused(archive, type, reason, entryName, ExtractionLimits.MESH_RELEASE);
    }

    private UnsafeArchiveException assertRefused(Path archive, ArchiveType type, Reason reason, String entryName,
            ExtractionLimits limits) throws IOException {
        UnsafeArchiveException refusal = null;
        try {
            new SafeExtractor(limits).extract(archive, type, staging);
        } catch (UnsafeArchiveException e) {
            refusal = e;
        }
        if (refusal == null) {
            fail("%s was extracted, not refused", archive.getFileName());
        }
        assertThat(refusal.reason()).as(refusal.getMessage()).isEqualTo(reason);
        if (entryName != null) {
            assertThat(refusal.entryName()).isEqualTo(entryName);
        }
        assertThat(refusal.getMessage()).contains(reason.isLimit() ? "raise ExtractionLimits" : "do not use the archive");
        assertThat(staging).doesNotExist();
        try (Stream<Path> sentinel = Files.list(out)) {
            assertThat(sentinel).as("the staging dir's parent").isEmpty();
        }
        try (Stream<Path> left = Files.list(base)) {
            assertThat(left).as("the test's base dir").allSatisfy(
                    p -> assertThat(p.getFileName().toString()).isIn("in", "src", "out"));
        }
        assertThat(Files.exists(evil, LinkOption.NOFOLLOW_LINKS)).as("%s", evil).isFalse();
        assertThat(Files.exists(Path.of("/tmp", "evil-" + id), LinkOption.NOFOLLOW_LINKS)).isFalse();
        return refusal;
    }
}
