package io.meshfleet.sim.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated release checked with the real tools of the seed procedure: openssl, tar, unzip. */
class ReleaseGeneratorTest {

    private static final String VERSION = "1.5.10-asm.2";
    private static final Instant BUILT = Instant.parse("2020-10-01T12:34:56Z");
    private static final String TOP = "istio-" + VERSION + "/";
    private static final List<String> LAYOUT = List.of(
            TOP,
            TOP + "bin/",
            TOP + "bin/istioctl",
            TOP + "manifest.yaml",
            TOP + "manifests/",
            TOP + "manifests/profiles/",
            TOP + "manifests/profiles/asm-multicloud.yaml",
            TOP + "manifests/profiles/default.yaml",
            TOP + "manifests/profiles/minimal.yaml",
            TOP + "samples/",
            TOP + "samples/bookinfo/",
            TOP + "samples/bookinfo/platform/",
            TOP + "samples/bookinfo/platform/kube/",
            TOP + "samples/bookinfo/platform/kube/bookinfo.yaml",
            TOP + "samples/sleep/",
            TOP + "samples/sleep/sleep.yaml");

    @TempDir
    static Path shared;

    private static ReleaseSigningKey key;
    private static SimRelease release;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() throws IOException {
        key = ReleaseSigningKey.generate();
        release = new ReleaseGenerator(Clock.fixed(BUILT, ZoneOffset.UTC), key).generate(VERSION, shared.resolve("release"));
    }

    @Test
    void writesOneArchiveAndSignaturePerPlatformUnderTheUpstreamNames() throws IOException {
        try (var files = Files.list(release.directory())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                    "istio-1.5.10-asm.2-linux.tar.gz", "istio-1.5.10-asm.2-linux.tar.gz.1.sig",
                    "istio-1.5.10-asm.2-osx.tar.gz", "istio-1.5.10-asm.2-osx.tar.gz.1.sig",
                    "istio-1.5.10-asm.2-win.zip", "istio-1.5.10-asm.2-win.zip.1.sig");
        }
        assertThat(release.artifacts()).extracting(ReleaseArtifact::platform).containsExactly(Platform.values());
        assertThat(release.publicKeyPem()).isEqualTo(key.publicKeyPem());
        assertThat(release.keyFingerprint()).isEqualTo(key.fingerprint());
    }

    /**
     * The verify commands as the seed procedure writes them for linux and osx. For win the seed reads the
     * key from {@code -verify -}, which OpenSSL 3 no longer accepts ("Could not open file or uri for
     * loading public key from -"), so that one uses {@code /dev/stdin} like the other two.
     */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void theSeedsOpensslCommandSaysVerifiedOk(Platform platform) throws Exception {
        ReleaseArtifact artifact = release.artifact(platform);
        List<String> command = switch (platform) {
            case LINUX -> List.of("openssl", "dgst", "-verify", "/dev/stdin",
                    "-signature", artifact.signature().getFileName().toString(), artifact.archiveName());
            case OSX -> List.of("openssl", "dgst", "-sha256", "-verify", "/dev/stdin",
                    "-signature", artifact.signature().getFileName().toString(), artifact.archiveName());
            case WIN -> List.of("openssl", "dgst", "-verify", "/dev/stdin",
                    "-signature", artifact.signature().getFileName().toString(), artifact.archiveName());
        };

        ProcessRun run = ProcessRun.run(command, release.directory(), Map.of(), release.publicKeyPem());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("Verified OK");
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void aTamperedArchiveFailsVerification(Platform platform) throws Exception {
        ReleaseArtifact artifact = release.artifact(platform);
        Path tampered = work.resolve(artifact.archiveName());
        byte[] bytes = Files.readAllBytes(artifact.archive());
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(tampered, bytes);
        Files.copy(artifact.signature(), work.resolve(artifact.signature().getFileName()));
        Path publicKey = work.resolve("pub.pem");
        key.writePublicKeyPem(publicKey);

        ProcessRun run = ProcessRun.run(List.of("openssl", "dgst", "-sha256", "-verify", "pub.pem",
                "-signature", artifact.signature().getFileName().toString(), artifact.archiveName()), work);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Verification failure");
    }

    @Test
    void anotherKeysPublicKeyDoesNotVerify() throws Exception {
        ReleaseArtifact artifact = release.artifact(Platform.LINUX);

        ProcessRun run = ProcessRun.run(List.of("openssl", "dgst", "-sha256", "-verify", "/dev/stdin",
                        "-signature", artifact.signature().toString(), artifact.archive().toString()),
                work, Map.of(), ReleaseSigningKey.generate().publicKeyPem());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("Verification failure");
    }

    @ParameterizedTest
    @EnumSource(value = Platform.class, names = {"LINUX", "OSX"})
    void tarListsTheReleaseLayoutWithModesOwnerAndTime(Platform platform) throws Exception {
        Path archive = release.artifact(platform).archive();

        ProcessRun list = ProcessRun.run(List.of("tar", "-tzf", archive.toString()), work);
        ProcessRun verbose = ProcessRun.run(List.of("tar", "-tvzf", archive.toString()), work, Map.of("TZ", "UTC"), null);

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout().lines()).containsExactlyElementsOf(LAYOUT);
        assertThat(verbose.stdout().lines())
                .anySatisfy(line -> assertThat(line).matches(
                        "-rwxr-xr-x root/root +\\d+ 2020-10-01 12:34 istio-1\\.5\\.10-asm\\.2/bin/istioctl"))
                .anySatisfy(line -> assertThat(line).matches(
                        "-rw-r--r-- root/root +\\d+ 2020-10-01 12:34 .*/manifests/profiles/asm-multicloud\\.yaml"))
                .anySatisfy(line -> assertThat(line).matches(
                        "drwxr-xr-x root/root +0 2020-10-01 12:34 istio-1\\.5\\.10-asm\\.2/samples/"))
                .allSatisfy(line -> assertThat(line).contains(" root/root ").contains(" 2020-10-01 12:34 "));
    }

    @Test
    void tarExtractsWhatTheSeedDescribes() throws Exception {
        ProcessRun extract = ProcessRun.run(
                List.of("tar", "xzf", release.artifact(Platform.LINUX).archive().toString()), work);

        assertThat(extract.exitCode()).as(extract.toString()).isZero();
        Path root = work.resolve("istio-1.5.10-asm.2");
        Path istioctl = root.resolve("bin/istioctl");
        assertThat(istioctl).isExecutable();
        assertThat(Files.readString(istioctl)).startsWith("#!/bin/sh\n").contains("ISTIOCTL_VERSION='1.5.10-asm.2'");
        assertThat(root.resolve("manifests/profiles/asm-multicloud.yaml"))
                .hasContent(ReleaseResources.text("profiles/with-addons/asm-multicloud.yaml"));
        assertThat(Files.readString(root.resolve("manifests/profiles/asm-multicloud.yaml"))).contains("addonComponents:");
        assertThat(Files.readString(root.resolve("manifest.yaml")))
                .contains("version: 1.5.10-asm.2\n", "platform: linux\n", "hub: gcr.io/gke-release/asm\n",
                        "profileShape: with-addons\n");
        assertThat(Files.readString(root.resolve("samples/bookinfo/platform/kube/bookinfo.yaml")))
                .contains("kind: Deployment", "kind: Service", "name: productpage-v1", "name: details-v1");
        assertThat(sha256(Files.readAllBytes(istioctl))).isEqualTo(release.artifact(Platform.LINUX).istioctlSha256());
    }

    @Test
    void theWindowsZipHoldsTheSameLayoutWithIstioctlExe() throws Exception {
        Path archive = release.artifact(Platform.WIN).archive();
        List<String> expected = LAYOUT.stream()
                .map(path -> path.equals(TOP + "bin/istioctl") ? TOP + "bin/istioctl.exe" : path)
                .toList();

        boolean unzip = ProcessRun.onPath("unzip") != null;
        ProcessRun list = unzip
                ? ProcessRun.run(List.of("unzip", "-l", archive.toString()), work, Map.of("TZ", "UTC"), null)
                : ProcessRun.run(List.of("python3", "-m", "zipfile", "-l", archive.toString()), work);
        ProcessRun extract = unzip
                ? ProcessRun.run(List.of("unzip", "-q", archive.toString()), work)
                : ProcessRun.run(List.of("python3", "-m", "zipfile", "-e", archive.toString(), "."), work);

        assertThat(list.exitCode()).as(list.toString()).isZero();
        List<String> listed = list.stdout().lines().filter(line -> line.contains(TOP)).toList();
        assertThat(listed).hasSize(expected.size())
                .allSatisfy(line -> assertThat(line).containsPattern("(2020-10-01|10-01-2020) 12:34"));
        for (String path : expected) {
            assertThat(listed).as(path).anySatisfy(line -> assertThat(line.strip().split(" +")).contains(path));
        }
        assertThat(extract.exitCode()).as(extract.toString()).isZero();
        assertThat(work.resolve(TOP + "bin/istioctl.exe"))
                .hasSameBinaryContentAs(extractedLinuxIstioctl());
        assertThat(Files.readString(work.resolve(TOP + "manifest.yaml"))).contains("platform: win\n", "istioctl: bin/istioctl.exe\n");
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws IOException {
        Clock clock = Clock.fixed(BUILT, ZoneOffset.UTC);
        SimRelease again = new ReleaseGenerator(clock, ReleaseSigningKey.generate()).generate(VERSION, work.resolve("again"));
        SimRelease later = new ReleaseGenerator(Clock.fixed(BUILT.plusSeconds(3600), ZoneOffset.UTC), key)
                .generate(VERSION, work.resolve("later"));

        for (Platform platform : Platform.values()) {
            assertThat(again.artifact(platform).archive()).hasSameBinaryContentAs(release.artifact(platform).archive());
            assertThat(again.artifact(platform).sha256()).isEqualTo(release.artifact(platform).sha256());
            assertThat(later.artifact(platform).sha256()).isNotEqualTo(release.artifact(platform).sha256());
        }
    }

    @Test
    void theArtifactDescribesItsArchive() throws IOException {
        for (ReleaseArtifact artifact : release.artifacts()) {
            byte[] archive = Files.readAllBytes(artifact.archive());
            assertThat(artifact.sha256()).isEqualTo(sha256(archive));
            assertThat(artifact.sizeBytes()).isEqualTo(archive.length);
            assertThat(artifact.signature()).isEqualTo(artifact.archive().resolveSibling(artifact.archiveName() + ".1.sig"));
            assertThat(key.verify(archive, Files.readAllBytes(artifact.signature()))).isTrue();
            assertThat(artifact.istioctlPath()).isEqualTo("istio-1.5.10-asm.2/bin/" + artifact.platform().istioctlName());
            assertThat(artifact.profiles()).containsExactly("asm-multicloud", "default", "minimal");
            assertThat(artifact.samples()).containsExactly("bookinfo", "sleep");
        }
    }

    @Test
    void laterVersionsCarryTheLaterProfileShape() throws Exception {
        SimRelease later = new ReleaseGenerator(Clock.fixed(BUILT, ZoneOffset.UTC), key, "registry.example/asm")
                .generate(MeshVersion.parse("1.8.6-asm.3"), work.resolve("r"), EnumSet.of(Platform.LINUX));

        ProcessRun extract = ProcessRun.run(List.of("tar", "xzf", later.artifact(Platform.LINUX).archive().toString()), work);

        assertThat(extract.exitCode()).as(extract.toString()).isZero();
        Path root = work.resolve("istio-1.8.6-asm.3");
        assertThat(Files.readString(root.resolve("manifests/profiles/asm-multicloud.yaml")))
                .isEqualTo(ReleaseResources.text("profiles/later/asm-multicloud.yaml"))
                .doesNotContain("addonComponents")
                .contains("hpaSpec");
        assertThat(Files.readString(root.resolve("manifest.yaml"))).contains("hub: registry.example/asm\n", "profileShape: later\n");
        assertThat(Files.readString(root.resolve("bin/istioctl"))).contains("DEFAULT_HUB='registry.example/asm'");
        assertThat(later.artifacts()).hasSize(1);
        assertThatThrownBy(() -> later.artifact(Platform.WIN)).hasMessageContaining("win was not generated");
    }

    @Test
    void refusesVersionsAndHubsThatCannotBeFileNamesOrScriptText() {
        ReleaseGenerator generator = new ReleaseGenerator(Clock.fixed(BUILT, ZoneOffset.UTC), key);

        assertThatThrownBy(() -> generator.generate("1.5", work)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.generate("1.5.10-asm.2/../x", work)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReleaseGenerator(Clock.systemUTC(), key, "gcr.io/x'; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path extractedLinuxIstioctl() throws Exception {
        Path linux = Files.createDirectory(work.resolve("linux"));
        ProcessRun extract = ProcessRun.run(List.of("tar", "xzf", release.artifact(Platform.LINUX).archive().toString()), linux);
        assertThat(extract.exitCode()).as(extract.toString()).isZero();
        return linux.resolve(TOP + "bin/istioctl");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
