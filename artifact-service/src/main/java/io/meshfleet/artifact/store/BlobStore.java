package io.meshfleet.artifact.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where mirrored release archives live: blobs addressed by their SHA-256, each with the tree it was
 * extracted to. Only verified bytes are ever published into it; downloads in progress and extraction
 * staging live in separate work areas that readers never see. Publishing is atomic: a reader finds
 * a blob complete or not at all.
 */
public interface BlobStore {

    /** The file a download for {@code requestId} keeps its bytes in until it is published; kept across restarts so it can resume. */
    Path incoming(String requestId, String fileName) throws IOException;

    /** A fresh path for {@link io.meshfleet.release.extract.SafeExtractor} to create its staging directory at (it does not exist yet). */
    Path newStagingDir() throws IOException;

    /**
     * Publishes {@code verifiedFile} (moved, not copied) as the blob {@code sha256}. Idempotent: when the
     * blob exists already, the file is deleted and the existing blob kept.
     */
    void publishBlob(Path verifiedFile, String sha256) throws IOException;

    /** Publishes the extracted tree {@code stagingDir} (moved) as the tree of blob {@code sha256}; idempotent like {@link #publishBlob}. */
    void publishTree(Path stagingDir, String sha256) throws IOException;

    /** The published blob {@code sha256}, if there is one. */
    Optional<Path> blob(String sha256);

    /**
     * A regular file of the published tree of blob {@code sha256}; {@code relativePath} must be a path the
     * extraction recorded (callers look it up in the catalog first), it is still checked to stay inside the tree.
     */
    Optional<Path> treeFile(String sha256, String relativePath);

    /** Deletes a staging directory made at a {@link #newStagingDir()} path whose tree is not to be published. */
    void discardStaging(Path stagingDir) throws IOException;

    /** Deletes what a request left in the work area (its partial downloads). */
    void discardIncoming(String requestId) throws IOException;

    /** Deletes one partial download, so the next attempt starts from the first byte. */
    void discardIncomingFile(String requestId, String fileName) throws IOException;
}
