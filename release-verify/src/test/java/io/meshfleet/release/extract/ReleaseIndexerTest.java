package io.meshfleet.release.extract;

import static io.meshfleet.release.extract.TestArchives.TOP;
import static io.meshfleet.release.extract.TestArchives.VERSION;
import static io.meshfleet.release.extract.TestArchives.run;
import static io.meshfleet.release.extract.TestArchives.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshfleet.release.extract.ReleaseLayoutException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing what {@link SafeExtractor} left: the fields of {@code ReleaseIndex}, and each way a release can be wrong. */
class ReleaseIndexerTest {

    @TempDir
    Path base;
    Path src;
    Path staging;
    final ReleaseIndexer indexer = new ReleaseIndexer();

    @BeforeEach
    void layout() throws Exception {
        src = Files.createDirectories(base.resolve("src"));
        staging = base.resolve("staging");
    }

    @Test
    void indexesAnExtractedLinuxRelease() throws Exception {
        TestArchives.releaseTree(src, Platform.LINUX, true);
        Path archive = base.resolve(Platform.LINUX.archiveName(VERSION));
        run(src, "tar", "-czf", archive.toString(), TOP);
        ExtractionResult extracted = SafeExtractor.forMeshReleases().extract(archive, Platform.LINUX.archiveType(), staging);

        IndexedRelease release = indexer.index(staging, VERSION, Platform.LINUX);

        assertThat(release.version()).isEqualTo(VERSION);
        assertThat(release.platform()).isEqualTo(Platform.LINUX);
        assertThat(release.releaseDir()).isEqualTo(staging.resolve(TOP));
        assertThat(release.istioctl()).isEqualTo(staging.resolve(TOP + "/bin/istioctl"));
        assertThat(release.contents()).isEqualTo(new ReleaseContents(TOP + "/bin/istioctl",
                sha256(src.resolve(TOP + "/bin/istioctl")), TestArchives.PROFILES, TestArchives.SAMPLES));
        // The hash read back agrees with the one computed while extracting.
        assertThat(release.contents().istioctlSha256())
                .isEqualTo(extracted.file(TOP + "/bin/istioctl").orElseThrow().sha256());
    }

    @Test
    void indexesAnExtractedWindowsReleaseByItsExe() throws Exception {
        assumeTrue(TestArchives.zipAvailable(), "the zip CLI is needed to pack the zip");
        TestArchives.releaseTree(src, Platform.WIN, false);
        Path archive = base.resolve(Platform.WIN.archiveName(VERSION));
        run(src, "zip", "-q", "-r", archive.toString(), TOP);
        SafeExtractor.forMeshReleases().extract(archive, Platform.WIN.archiveType(), staging);

        IndexedRelease release = indexer.index(staging, VERSION, Platform.WIN);

        assertThat(release.contents().istioctlPath()).isEqualTo(TOP + "/bin/istioctl.exe");
        assertThat(release.contents().profiles()).isEqualTo(TestArchives.PROFILES);
        assertThat(release.contents().samples()).isEqualTo(TestArchives.SAMPLES);
    }

    @Test
    void anotherVersionIsAMismatch() throws Exception {
        TestArchives.releaseTree(staging, Platform.LINUX, false);

        assertThatThrownBy(() -> indexer.index(staging, "1.6.0-asm.1", Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.VERSION_MISMATCH))
                .hasMessageContaining(TOP + "/").hasMessageContaining("1.6.0-asm.1");
    }

    @Test
    void missingIstioctlIsIncomplete() throws Exception {
        TestArchives.releaseTree(staging, Platform.LINUX, false);
        Files.delete(staging.resolve(TOP + "/bin/istioctl"));

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCOMPLETE))
                .hasMessageContaining(TOP + "/bin/istioctl is missing");
    }

    @Test
    void linuxIstioctlExeOnlyIsIncomplete() throws Exception {
        TestArchives.releaseTree(staging, Platform.WIN, false);

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCOMPLETE));
    }

    @Test
    void istioctlThatIsASymlinkIsIncomplete() throws Exception {
        TestArchives.releaseTree(staging, Platform.LINUX, false);
        Path istioctl = staging.resolve(TOP + "/bin/istioctl");
        Files.move(istioctl, staging.resolve(TOP + "/bin/real-istioctl"));
        Files.createSymbolicLink(istioctl, Path.of("real-istioctl"));

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCOMPLETE))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void istioctlWithoutTheExecutableBitIsIncomplete() throws Exception {
        TestArchives.releaseTree(staging, Platform.LINUX, false);
        Files.setPosixFilePermissions(staging.resolve(TOP + "/bin/istioctl"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCOMPLETE))
                .hasMessageContaining("not executable");
    }

    @Test
    void aSecondTopLevelEntryIsNotARelease() throws Exception {
        TestArchives.releaseTree(staging, Platform.LINUX, false);
        write(staging.resolve("README"), "stray\n");

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NO_SINGLE_TOP_DIRECTORY))
                .hasMessageContaining("2 top-level entries");
    }

    @Test
    void aTopDirectoryNotNamedIstioIsNotARelease() throws Exception {
        Files.createDirectories(staging.resolve("release-" + VERSION + "/bin"));

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NO_SINGLE_TOP_DIRECTORY));
    }

    @Test
    void aTopSymlinkIsNotARelease() throws Exception {
        TestArchives.releaseTree(src, Platform.LINUX, false);
        Files.createDirectories(staging);
        Files.createSymbolicLink(staging.resolve(TOP), src.resolve(TOP));

        assertThatThrownBy(() -> indexer.index(staging, VERSION, Platform.LINUX))
                .isInstanceOfSatisfying(ReleaseLayoutException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NO_SINGLE_TOP_DIRECTORY));
    }

    @Test
    void withoutProfilesOrSamplesTheListsAreEmpty() throws Exception {
        Path istioctl = write(staging.resolve(TOP + "/bin/istioctl"), TestArchives.istioctlScript());
        Files.setPosixFilePermissions(istioctl, PosixFilePermissions.fromString("rwxr-xr-x"));

        ReleaseContents contents = indexer.index(staging, VERSION, Platform.OSX).contents();

        assertThat(contents.profiles()).isEmpty();
        assertThat(contents.samples()).isEmpty();
    }

    @Test
    void platformsNameTheirArchives() {
        assertThat(Platform.LINUX.archiveName(VERSION)).isEqualTo("istio-1.5.10-asm.2-linux.tar.gz");
        assertThat(Platform.OSX.archiveName(VERSION)).isEqualTo("istio-1.5.10-asm.2-osx.tar.gz");
        assertThat(Platform.WIN.archiveName(VERSION)).isEqualTo("istio-1.5.10-asm.2-win.zip");
        assertThat(Platform.fromId("win")).isEqualTo(Platform.WIN);
        assertThatThrownBy(() -> Platform.fromId("solaris")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
