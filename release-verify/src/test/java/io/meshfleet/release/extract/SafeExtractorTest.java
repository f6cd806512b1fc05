package io.meshfleet.release.extract;

import static io.meshfleet.release.extract.TestArchives.LONG_PATH;
import static io.meshfleet.release.extract.TestArchives.TOP;
import static io.meshfleet.release.extract.TestArchives.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Release-like archives packed by the real {@code tar} and {@code zip} come out whole, executable where they should be. */
class SafeExtractorTest {

    @TempDir
    Path base;
    Path src;
    Path staging;

    @BeforeEach
    void layout() throws IOException {
        src = Files.createDirectories(base.resolve("src"));
        staging = Files.createDirectories(base.resolve("out")).resolve("staging");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax", "ustar-with-dot-prefix"})
    void releaseTarGzFromTheTarCliComesOutWhole(String format) throws Exception {
        TestArchives.releaseTree(src, Platform.LINUX, true);
        Path archive = base.resolve(Platform.LINUX.archiveName(TestArchives.VERSION));
        switch (format) {
            case "gnu" -> run(src, "tar", "--format=gnu", "-czf", archive.toString(), TOP);
            // A global PAX header as well, which commons-compress consumes rather than returning as an entry.
            case "pax" -> run(src, "tar", "--format=pax", "--pax-option=comment:=meshfleet", "-czf", archive.toString(), TOP);
            // tar -C dir . names the staging dir itself first ("./") and prefixes every name with "./".
            default -> run(src, "tar", "--format=gnu", "-czf", archive.toString(), ".");
        }

        ExtractionResult result = SafeExtractor.forMeshReleases().extract(archive, ArchiveType.TAR_GZ, staging);

        Path istioctl = staging.resolve(TOP + "/bin/istioctl");
        assertThat(result.stagingDir()).isEqualTo(staging);
        assertThat(Files.getPosixFilePermissions(istioctl)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(run(staging, istioctl.toString())).isEqualTo("istioctl " + TestArchives.VERSION + "\n");
        assertThat(Files.getPosixFilePermissions(staging.resolve(TOP + "/manifest.yaml")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getPosixFilePermissions(staging.resolve(TOP + "/samples")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(staging.resolve(LONG_PATH)).hasContent("kind: MutatingWebhookConfiguration");
        assertThat(Files.readSymbolicLink(staging.resolve(TOP + "/tools/istioctl"))).isEqualTo(Path.of("../bin/istioctl"));
        assertThat(result.symlinks()).containsExactly(new ExtractedLink(TOP + "/tools/istioctl", "../bin/istioctl"));

        // The hard link is a copy: same bytes, own inode, still executable.
        Path copy = staging.resolve(TOP + "/bin/istioctl-hardlink");
        assertThat(Files.isSymbolicLink(copy)).isFalse();
        assertThat(Files.isSameFile(copy, istioctl)).isFalse();
        assertThat(copy).hasSameBinaryContentAs(istioctl);
        assertThat(Files.isExecutable(copy)).isTrue();

        assertFilesMatchSource(result);
        assertThat(result.file(TOP + "/bin/istioctl")).get().satisfies(f -> assertThat(f.executable()).isTrue());
        assertThat(result.file(TOP + "/bin/istioctl-hardlink")).get().satisfies(f -> assertThat(f.executable()).isTrue());
        assertThat(result.file(TOP + "/manifest.yaml")).get().satisfies(f -> assertThat(f.executable()).isFalse());
    }

    @Test
    void releaseZipFromTheZipCliComesOutWhole() throws Exception {
        assumeTrue(TestArchives.zipAvailable(), "the zip CLI is needed to pack the zip");
        TestArchives.releaseTree(src, Platform.WIN, false);
        Path archive = base.resolve(Platform.WIN.archiveName(TestArchives.VERSION));
        // -y keeps the symlink a symlink, as zip on Unix can.
        run(src, "zip", "-q", "-r", "-y", archive.toString(), TOP);

        ExtractionResult result = SafeExtractor.forMeshReleases().extract(archive, ArchiveType.ZIP, staging);

        Path istioctl = staging.resolve(TOP + "/bin/istioctl.exe");
        assertThat(Files.getPosixFilePermissions(istioctl)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(run(staging, istioctl.toString())).isEqualTo("istioctl " + TestArchives.VERSION + "\n");
        assertThat(Files.getPosixFilePermissions(staging.resolve(TOP + "/manifest.yaml")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(staging.resolve(LONG_PATH)).hasContent("kind: MutatingWebhookConfiguration");
        assertThat(result.symlinks()).containsExactly(new ExtractedLink(TOP + "/tools/istioctl", "../bin/istioctl.exe"));
        assertFilesMatchSource(result);
    }

    @Test
    void releaseZipFromCommonsCompressWithoutUnixModesHasNoExecutableBits() throws Exception {
        // What a zip made on Windows looks like: no Unix mode at all.
        Path archive = TestArchives.craftedZip(base.resolve("win.zip"), zip -> {
            TestArchives.zipFile(zip, TOP + "/bin/istioctl.exe", "MZ");
            TestArchives.zipFile(zip, TOP + "/manifests/profiles/default.yaml", "spec: {}\n");
        });

        ExtractionResult result = SafeExtractor.forMeshReleases().extract(archive, ArchiveType.ZIP, staging);

        assertThat(result.files()).extracting(ExtractedFile::path, ExtractedFile::executable).containsExactly(
                tuple(TOP + "/bin/istioctl.exe", false),
                tuple(TOP + "/manifests/profiles/default.yaml", false));
        assertThat(result.entries()).isEqualTo(2);
        assertThat(result.totalBytes()).isEqualTo(2 + 9);
    }

    @Test
    void setuidAndWorldWritableBitsAreNotKept() throws Exception {
        Path archive = TestArchives.craftedTarGz(base.resolve("modes.tar.gz"), tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(TOP + "/bin/istioctl");
            entry.setMode(0104777);
            entry.setSize(2);
            tar.putArchiveEntry(entry);
            tar.write(new byte[] {'#', '!'});
            tar.closeArchiveEntry();
        });

        SafeExtractor.forMeshReleases().extract(archive, ArchiveType.TAR_GZ, staging);

        assertThat(Files.getPosixFilePermissions(staging.resolve(TOP + "/bin/istioctl")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theStagingDirMustNotExistAndIsLeftAloneIfItDoes() throws Exception {
        TestArchives.releaseTree(src, Platform.LINUX, false);
        Path archive = base.resolve("release.tar.gz");
        run(src, "tar", "-czf", archive.toString(), TOP);
        Files.createDirectories(staging);
        Path precious = Files.writeString(staging.resolve("precious"), "keep me");

        assertThatThrownBy(() -> SafeExtractor.forMeshReleases().extract(archive, ArchiveType.TAR_GZ, staging))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(precious).hasContent("keep me");
        assertThat(staging).isDirectory();
    }

    @Test
    void theStagingDirIsOwnerOnly() throws Exception {
        TestArchives.releaseTree(src, Platform.LINUX, false);
        Path archive = base.resolve("release.tar.gz");
        run(src, "tar", "-czf", archive.toString(), TOP);

        SafeExtractor.forMeshReleases().extract(archive, ArchiveType.TAR_GZ, staging);

        assertThat(Files.getPosixFilePermissions(staging, LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void defaultLimitsFitAMeshRelease() {
        assertThat(ExtractionLimits.MESH_RELEASE).isEqualTo(
                new ExtractionLimits(20_000, 2L * 1024 * 1024 * 1024, 512L * 1024 * 1024, 100, 1024 * 1024));
        assertThat(SafeExtractor.forMeshReleases().limits()).isEqualTo(ExtractionLimits.MESH_RELEASE);
        assertThatThrownBy(() -> new ExtractionLimits(0, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every regular file of the source tree, and nothing else, with its size and SHA-256. */
    private void assertFilesMatchSource(ExtractionResult result) throws Exception {
        List<ExtractedFile> expected;
        try (var walk = Files.walk(src)) {
            expected = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(p -> {
                try {
                    byte[] bytes = Files.readAllBytes(p);
                    return new ExtractedFile(src.relativize(p).toString(), bytes.length,
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                            Files.isExecutable(p));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
        assertThat(result.files()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.totalBytes()).isEqualTo(expected.stream().mapToLong(ExtractedFile::size).sum());
    }
}
