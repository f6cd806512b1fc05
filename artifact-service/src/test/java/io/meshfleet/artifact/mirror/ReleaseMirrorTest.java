package io.meshfleet.artifact.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshfleet.artifact.fetch.DirectoryReleaseSource;
import io.meshfleet.artifact.fetch.ReleaseFetcher;
import io.meshfleet.artifact.store.LocalBlobStore;
import io.meshfleet.artifact.testing.RealReleases;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.release.extract.Platform;
import io.meshfleet.release.extract.ReleaseIndexer;
import io.meshfleet.release.extract.SafeExtractor;
import io.meshfleet.release.verify.ReleaseKeys;
import io.meshfleet.release.verify.ReleaseVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mirror pipeline on archives built by the real {@code tar} and {@code zip} and signed by the real
 * {@code openssl}: good ones are published on every platform, every bad case is refused with its own
 * reason (and {@code openssl dgst -verify} agrees about the signature), and a refusal leaves the store
 * exactly as it was.
 */
class ReleaseMirrorTest {

    private static final String VERSION = "1.5.10-asm.2";

    @TempDir
    static Path shared;
    private static RealReleases releases;
    private static ReleaseKeys pinned;

    @TempDir
    Path tmp;
    private Path bucket;
    private Path storeRoot;
    private LocalBlobStore store;
    private ReleaseMirror mirror;

    @BeforeAll
    static void keys() throws Exception {
        releases = RealReleases.withNewKey(shared.resolve("keys"));
        pinned = ReleaseKeys.load(releases.publicKey());
    }

    @BeforeEach
    void setUp() throws IOException {
        bucket = Files.createDirectories(tmp.resolve("bucket"));
        storeRoot = tmp.resolve("store");
        store = new LocalBlobStore(storeRoot);
        mirror = mirror(5L << 20);
    }

    private ReleaseMirror mirror(long maxArchiveBytes) {
        return new ReleaseMirror(store, new ReleaseFetcher(Duration.ofSeconds(5)), new ReleaseVerifier(pinned),
                SafeExtractor.forMeshReleases(), new ReleaseIndexer(),
                new ReleaseMirror.Limits(maxArchiveBytes, 4096, 2, Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "osx", "win"})
    void aGoodReleaseIsVerifiedIndexedAndPublished(String platform) throws Exception {
        Path archive = releases.release(bucket, VERSION, platform);
        assertThat(RealReleases.opensslVerifies(archive, releases.publicKey())).isTrue();

        ReleaseMirror.Outcome outcome = mirror("r1", platform);

        assertThat(outcome).isInstanceOf(ReleaseMirror.Outcome.Verified.class);
        MirroredRelease release = ((ReleaseMirror.Outcome.Verified) outcome).release();
        String sha256 = sha256(archive);
        assertThat(release.sha256()).isEqualTo(sha256);
        assertThat(release.sizeBytes()).isEqualTo(Files.size(archive));
        assertThat(release.keyId()).isIn(pinned.keyIds());
        assertThat(release.archiveName()).isEqualTo(archive.getFileName().toString());
        String istioctl = "istio-" + VERSION + "/bin/" + ("win".equals(platform) ? "istioctl.exe" : "istioctl");
        assertThat(release.contents().istioctlPath()).isEqualTo(istioctl);
        assertThat(release.contents().profiles()).containsExactlyElementsOf(RealReleases.PROFILES);
        assertThat(release.contents().samples()).containsExactly("bookinfo", "sleep");
        assertThat(store.blob(sha256)).hasValueSatisfying(blob -> assertThat(blob).hasSameBinaryContentAs(archive));
        assertThat(store.treeFile(sha256, istioctl)).isPresent();
        assertThat(release.files()).extracting(f -> f.path()).contains(istioctl);
        assertThat(workFiles()).isEmpty();
    }

    @Test
    void aTamperedArchiveIsRefusedAndNothingIsStored() throws Exception {
        Path archive = releases.release(bucket, VERSION, "linux");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 1;
        Files.write(archive, bytes);

        assertRefused("linux", RejectionReason.SIGNATURE_INVALID, "not signed by a pinned key");
        assertThat(RealReleases.opensslVerifies(archive, releases.publicKey())).isFalse();
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        Path archive = releases.release(bucket, VERSION, "osx");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length - 100));

        assertRefused("osx", RejectionReason.SIGNATURE_INVALID, "not signed by a pinned key");
        assertThat(RealReleases.opensslVerifies(archive, releases.publicKey())).isFalse();
    }

    @Test
    void anArchiveSignedWithAnotherKeyIsRefused() throws Exception {
        RealReleases stranger = RealReleases.withNewKey(tmp.resolve("stranger"));
        Path archive = stranger.release(bucket, VERSION, "linux");
        assertThat(RealReleases.opensslVerifies(archive, stranger.publicKey())).isTrue();

        assertRefused("linux", RejectionReason.SIGNATURE_INVALID, "not signed by a pinned key");
        assertThat(RealReleases.opensslVerifies(archive, releases.publicKey())).isFalse();
    }

    @Test
    void garbageAndTruncatedSignaturesAreRefused() throws Exception {
        Path archive = releases.release(bucket, VERSION, "linux");
        Path signature = archive.resolveSibling(archive.getFileName() + ".1.sig");
        byte[] good = Files.readAllBytes(signature);

        byte[] garbage = new byte[good.length];
        new Random(7).nextBytes(garbage);
        Files.write(signature, garbage);
        assertRefused("linux", RejectionReason.SIGNATURE_INVALID, "strict DER");
        assertThat(RealReleases.opensslVerifies(archive, releases.publicKey())).isFalse();

        Files.write(signature, Arrays.copyOf(good, good.length - 5));
        assertRefused("linux", RejectionReason.SIGNATURE_INVALID, "strict DER");
        assertThat(RealReleases.opensslVerifies(archive, releases.publicKey())).isFalse();

        Files.write(signature, new byte[8192]);
        assertRefused("linux", RejectionReason.SIGNATURE_INVALID, "larger than 4096 bytes");
    }

    @Test
    void aMissingSignatureOrPlatformSaysWhichIsMissing() throws Exception {
        Path archive = releases.release(bucket, VERSION, "linux");
        Files.delete(archive.resolveSibling(archive.getFileName() + ".1.sig"));
        assertRefused("linux", RejectionReason.SIGNATURE_MISSING, "publish the signature next to the archive");
        assertRefused("win", RejectionReason.UNSUPPORTED_PLATFORM, "leave win out of the request's platforms");
    }

    @Test
    void aSignedArchiveWithAPathLeavingTheTargetIsRefusedAndNothingIsWrittenOutside() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("slip/inner"));
        Files.writeString(work.getParent().resolve("escaped.txt"), "owned");
        Files.createDirectories(work.resolve("istio-" + VERSION + "/bin"));
        Files.writeString(work.resolve("istio-" + VERSION + "/bin/istioctl"), "#!/bin/sh\n");
        Path archive = bucket.resolve("istio-" + VERSION + "-linux.tar.gz");
        // GNU tar keeps "../" in member names with -P, as a malicious archive would have them.
        RealReleases.run(work, "tar", "-czPf", archive.toString(), "istio-" + VERSION, "../escaped.txt");
        assertThat(RealReleases.run(work, "tar", "-tzPf", archive.toString())).contains("../escaped.txt");
        releases.sign(archive);

        assertRefused("linux", RejectionReason.UNSAFE_ARCHIVE, "PATH_TRAVERSAL");
        assertThat(storeRoot.getParent().resolve("escaped.txt")).doesNotExist();
        assertThat(storeRoot.resolve("work/escaped.txt")).doesNotExist();
        try (Stream<Path> all = Files.walk(storeRoot)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("escaped.txt")).toList()).isEmpty();
        }
    }

    @Test
    void aSignedZipWithASymlinkOutOfTheTreeIsRefused() throws Exception {
        Path archive = releases.unsigned(bucket, VERSION, "win", top ->
                Files.createSymbolicLink(top.resolve("samples/passwd"), Path.of("/etc/passwd")));
        releases.sign(archive);

        assertRefused("win", RejectionReason.UNSAFE_ARCHIVE, "LINK_ESCAPES");
    }

    @Test
    void aSignedArchiveWithoutIstioctlIsAnIncompleteRelease() throws Exception {
        Path archive = releases.unsigned(bucket, VERSION, "linux", top -> {
            Files.delete(top.resolve("bin/istioctl"));
        });
        releases.sign(archive);

        assertRefused("linux", RejectionReason.INCOMPLETE_RELEASE, "istioctl");
    }

    @Test
    void anArchiveHoldingAnotherVersionIsRefused() throws Exception {
        Path archive = releases.release(bucket, "1.6.14-asm.1", "linux");
        Path renamed = archive.resolveSibling("istio-" + VERSION + "-linux.tar.gz");
        Files.move(archive, renamed);
        releases.sign(renamed);

        assertRefused("linux", RejectionReason.INCOMPLETE_RELEASE, "istio-1.6.14-asm.1/");
    }

    @Test
    void anArchiveOverTheSizeBoundIsRefusedBeforeItIsFetched() throws Exception {
        Path archive = releases.release(bucket, VERSION, "linux");
        mirror = mirror(Files.size(archive) - 1);

        ReleaseMirror.Outcome outcome = assertRefused("linux", RejectionReason.UNSAFE_ARCHIVE, "max-archive-bytes");
        assertThat(((ReleaseMirror.Outcome.Rejected) outcome).fetchedBytes()).isLessThan(200);
    }

    @Test
    void aStalePartialDownloadThatDoesNotVerifyIsFetchedAgainWhole() throws Exception {
        Path archive = releases.release(bucket, VERSION, "linux");
        Path partial = store.incoming("r1", archive.getFileName().toString());
        Files.write(partial, new byte[1000]); // not a prefix of the archive: left by an older, different file

        ReleaseMirror.Outcome outcome = mirror("r1", "linux");

        assertThat(outcome).isInstanceOf(ReleaseMirror.Outcome.Verified.class);
        assertThat(((ReleaseMirror.Outcome.Verified) outcome).release().sha256()).isEqualTo(sha256(archive));
    }

    private ReleaseMirror.Outcome assertRefused(String platform, RejectionReason reason, String detail) throws Exception {
        List<Path> before = storeContents();
        ReleaseMirror.Outcome outcome = mirror("r-" + reason, platform);
        assertThat(outcome).isInstanceOfSatisfying(ReleaseMirror.Outcome.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(reason);
            assertThat(rejected.detail()).contains(detail);
        });
        assertThat(storeContents()).as("published blobs and trees").isEqualTo(before);
        try (Stream<Path> staging = Files.list(storeRoot.resolve("work/staging"))) {
            assertThat(staging.toList()).as("staging leftovers").isEmpty();
        }
        return outcome;
    }

    private ReleaseMirror.Outcome mirror(String requestId, String platform) throws Exception {
        return mirror.mirror(requestId, VERSION, Platform.fromId(platform), new DirectoryReleaseSource(bucket), n -> { });
    }

    private List<Path> storeContents() throws IOException {
        try (Stream<Path> all = Stream.concat(Files.walk(storeRoot.resolve("blobs")), Files.walk(storeRoot.resolve("trees")))) {
            return all.sorted().toList();
        }
    }

    private List<Path> workFiles() throws IOException {
        try (Stream<Path> all = Files.walk(storeRoot.resolve("work/incoming"))) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
