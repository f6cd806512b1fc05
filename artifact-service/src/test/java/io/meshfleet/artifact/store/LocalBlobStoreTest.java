package io.meshfleet.artifact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-addressed, atomically published blobs and trees; work areas readers never see. */
class LocalBlobStoreTest {

    private static final String SHA = "a".repeat(64);

    @TempDir
    Path root;

    @Test
    void aBlobIsVisibleOnlyOncePublishedAndPublishingAgainChangesNothing() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        Path work = store.incoming("request-1", "istio-1.5.10-linux.tar.gz");
        Files.writeString(work, "verified bytes");
        assertThat(store.blob(SHA)).isEmpty();

        store.publishBlob(work, SHA);

        assertThat(store.blob(SHA)).hasValueSatisfying(blob -> assertThat(blob).hasContent("verified bytes"));
        assertThat(work).doesNotExist();
        Path again = store.incoming("request-2", "istio-1.5.10-linux.tar.gz");
        Files.writeString(again, "verified bytes");
        store.publishBlob(again, SHA);
        assertThat(again).doesNotExist();
        assertThat(store.blob(SHA)).hasValueSatisfying(blob -> assertThat(blob).hasContent("verified bytes"));
    }

    @Test
    void treeFilesAreServedOnlyInsideTheirTree() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        Path staging = store.newStagingDir();
        Files.createDirectories(staging.resolve("istio-1.5.10/bin"));
        Files.writeString(staging.resolve("istio-1.5.10/bin/istioctl"), "binary");
        Files.createSymbolicLink(staging.resolve("istio-1.5.10/escape"), Path.of("/etc/passwd"));
        store.publishTree(staging, SHA);

        assertThat(store.treeFile(SHA, "istio-1.5.10/bin/istioctl")).isPresent();
        assertThat(store.treeFile(SHA, "../../blobs")).isEmpty();
        assertThat(store.treeFile(SHA, "istio-1.5.10/escape")).isEmpty();
        assertThat(store.treeFile(SHA, "istio-1.5.10/bin")).isEmpty();
        assertThat(store.treeFile("../" + SHA, "x")).isEmpty();
    }

    @Test
    void leftoverStagingIsClearedAtStartButPartialDownloadsAreKeptForResuming() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        Path staging = store.newStagingDir();
        Files.createDirectories(staging.resolve("half-extracted"));
        Path partial = store.incoming("request-1", "istio-1.5.10-linux.tar.gz");
        Files.writeString(partial, "first megabytes");

        new LocalBlobStore(root);

        assertThat(staging).doesNotExist();
        assertThat(partial).hasContent("first megabytes");
    }

    @Test
    void requestIdsFromClientsNeverNameDirectoriesAndFileNamesMustBePlain() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        Path work = store.incoming("../../../etc", "istio-1.5.10-linux.tar.gz");
        assertThat(work.normalize().startsWith(root.resolve("work/incoming"))).as("%s inside the work area", work).isTrue();
        assertThatThrownBy(() -> store.incoming("r", "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.publishBlob(work, "not-a-digest")).isInstanceOf(IllegalArgumentException.class);
    }
}
