package io.meshfleet.artifact.mirror;

import io.meshfleet.artifact.fetch.FetchException;
import io.meshfleet.artifact.fetch.ReleaseFetcher;
import io.meshfleet.artifact.fetch.ReleaseSource;
import io.meshfleet.artifact.store.BlobStore;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.release.extract.ExtractionResult;
import io.meshfleet.release.extract.IndexedRelease;
import io.meshfleet.release.extract.Platform;
import io.meshfleet.release.extract.ReleaseIndexer;
import io.meshfleet.release.extract.ReleaseLayoutException;
import io.meshfleet.release.extract.SafeExtractor;
import io.meshfleet.release.extract.UnsafeArchiveException;
import io.meshfleet.release.verify.ReleaseVerdict;
import io.meshfleet.release.verify.ReleaseVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Mirrors one platform's archive of a release, the seed's step 2 done once for the fleet: fetch the
 * archive and its {@code .1.sig}, verify the digest of the bytes kept against the pinned keys, extract
 * them safely, index the tree, and only then publish the blob and its tree. Anything refused leaves the
 * store as it was. Plain Java: the service wraps it with the catalog, events and metrics.
 */
public final class ReleaseMirror {

    /** What became of one platform's archive. */
    public sealed interface Outcome {
        /** Verified and published. */
        record Verified(MirroredRelease release, long fetchedBytes, Duration verificationTime) implements Outcome {
        }

        /** Refused; {@code detail} says what to do. */
        record Rejected(RejectionReason reason, String detail, long fetchedBytes) implements Outcome {
        }
    }

    /**
     * Bounds and retry policy.
     *
     * @param maxArchiveBytes   the largest archive accepted
     * @param maxSignatureBytes the largest signature file accepted (a DER P-256 signature is at most 72 bytes)
     * @param attempts          fetch attempts per file before giving up (each resumes the last)
     * @param backoff           wait before the second attempt, doubled before each further one
     */
    public record Limits(long maxArchiveBytes, long maxSignatureBytes, int attempts, Duration backoff) {
    }

    private static final Logger LOG = Logger.getLogger(ReleaseMirror.class);

    private final BlobStore store;
    private final ReleaseFetcher fetcher;
    private final ReleaseVerifier verifier;
    private final SafeExtractor extractor;
    private final ReleaseIndexer indexer;
    private final Limits limits;

    public ReleaseMirror(BlobStore store, ReleaseFetcher fetcher, ReleaseVerifier verifier, SafeExtractor extractor,
            ReleaseIndexer indexer, Limits limits) {
        this.store = store;
        this.fetcher = fetcher;
        this.verifier = verifier;
        this.extractor = extractor;
        this.indexer = indexer;
        this.limits = limits;
    }

    /**
     * Mirrors {@code platform}'s archive of {@code version} from {@code source} for request {@code requestId}
     * (whose work files a restart resumes).
     *
     * @param received told of every chunk fetched, for metrics
     * @throws IOException the local disk failed (the request should be retried later, nothing was published)
     */
    public Outcome mirror(String requestId, String version, Platform platform, ReleaseSource source,
            LongConsumer received) throws IOException, InterruptedException {
        String archiveName = platform.archiveName(version);
        String signatureName = archiveName + ".1.sig";
        long[] fetched = {0};
        LongConsumer counting = n -> {
            fetched[0] += n;
            received.accept(n);
        };

        byte[] signature;
        try {
            Path signatureFile = store.incoming(requestId, signatureName);
            Files.deleteIfExists(signatureFile); // small: always fetched whole
            signature = Files.readAllBytes(fetchWithRetries(source, signatureName, signatureFile,
                    limits.maxSignatureBytes(), counting).file());
        } catch (FetchException e) {
            return switch (e.problem()) {
                case NOT_FOUND -> archiveExists(source, archiveName)
                        ? rejected(RejectionReason.SIGNATURE_MISSING, source.describe() + " has " + archiveName + " but no "
                                + signatureName + ": publish the signature next to the archive (the release bucket has one for"
                                + " every archive)", fetched[0])
                        : rejected(RejectionReason.UNSUPPORTED_PLATFORM, source.describe() + " has neither " + archiveName
                                + " nor its signature: check the version, or leave " + platform.id()
                                + " out of the request's platforms", fetched[0]);
                case TOO_LARGE -> rejected(RejectionReason.SIGNATURE_INVALID, signatureName + " is larger than "
                        + limits.maxSignatureBytes() + " bytes: it is not an ECDSA P-256 signature", fetched[0]);
                case UNAVAILABLE -> rejected(RejectionReason.DOWNLOAD_FAILED, e.getMessage(), fetched[0]);
            };
        }

        Path archiveFile = store.incoming(requestId, archiveName);
        ReleaseFetcher.Fetched archive;
        ReleaseVerdict verdict;
        long verifyStart;
        try {
            archive = fetchWithRetries(source, archiveName, archiveFile, limits.maxArchiveBytes(), counting);
            verifyStart = System.nanoTime();
            verdict = verifier.verifyDigest(archive.sha256(), archive.size(), signature);
            if (!verdict.verified() && archive.resumedFrom() > 0) {
                // The part fetched before a restart may not be a prefix of this file (it changed at the source,
                // or the disk lied): fetch it whole once before calling the release bad.
                LOG.warnf("%s did not verify after resuming at byte %d; fetching it again from the start", archiveName,
                        archive.resumedFrom());
                store.discardIncomingFile(requestId, archiveName);
                archive = fetchWithRetries(source, archiveName, archiveFile, limits.maxArchiveBytes(), counting);
                verifyStart = System.nanoTime();
                verdict = verifier.verifyDigest(archive.sha256(), archive.size(), signature);
            }
        } catch (FetchException e) {
            return switch (e.problem()) {
                case NOT_FOUND -> rejected(RejectionReason.UNSUPPORTED_PLATFORM, source.describe() + " has "
                        + signatureName + " but not " + archiveName + ": the archive was not carried in or not published",
                        fetched[0]);
                case TOO_LARGE -> rejected(RejectionReason.UNSAFE_ARCHIVE, e.getMessage(), fetched[0]);
                case UNAVAILABLE -> rejected(RejectionReason.DOWNLOAD_FAILED, e.getMessage(), fetched[0]);
            };
        }
        Duration verificationTime = Duration.ofNanos(archive.hashNanos() + (System.nanoTime() - verifyStart));
        if (!verdict.verified()) {
            store.discardIncomingFile(requestId, archiveName);
            return rejected(RejectionReason.SIGNATURE_INVALID, archiveName + " (sha256 " + verdict.sha256Hex()
                    + ") is not signed by a pinned key: " + verdict.detail(), fetched[0]);
        }

        Path staging = store.newStagingDir();
        ExtractionResult extracted;
        IndexedRelease indexed;
        try {
            extracted = extractor.extract(archive.file(), platform.archiveType(), staging);
        } catch (UnsafeArchiveException e) {
            store.discardIncomingFile(requestId, archiveName);
            return rejected(RejectionReason.UNSAFE_ARCHIVE, archiveName + " is signed but unsafe to extract ("
                    + e.reason() + "): " + e.getMessage() + "; nothing was stored", fetched[0]);
        }
        try {
            indexed = indexer.index(staging, version, platform);
        } catch (ReleaseLayoutException e) {
            store.discardStaging(staging);
            store.discardIncomingFile(requestId, archiveName);
            return rejected(RejectionReason.INCOMPLETE_RELEASE, archiveName + " is signed but not a usable release: "
                    + e.getMessage(), fetched[0]);
        }

        String sha256 = verdict.sha256Hex();
        store.publishTree(staging, sha256);
        store.publishBlob(archive.file(), sha256);
        store.discardIncomingFile(requestId, signatureName);
        MirroredRelease release = new MirroredRelease(version, platform.id(), archiveName, sha256, archive.size(),
                verdict.keyId(), source.describe(), indexed.contents(), extracted.files());
        return new Outcome.Verified(release, fetched[0], verificationTime);
    }

    private ReleaseFetcher.Fetched fetchWithRetries(ReleaseSource source, String fileName, Path workFile, long maxBytes,
            LongConsumer received) throws FetchException, InterruptedException {
        Duration wait = limits.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return fetcher.fetch(source, fileName, workFile, maxBytes, received);
            } catch (FetchException e) {
                if (!e.problem().retryable() || attempt >= limits.attempts()) {
                    throw e;
                }
                LOG.warnf("attempt %d of %d to fetch %s failed, resuming in %s: %s", attempt, limits.attempts(),
                        fileName, wait, e.getMessage());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
    }

    private static boolean archiveExists(ReleaseSource source, String archiveName) {
        try (ReleaseSource.Download probe = source.open(archiveName, 0)) {
            return true;
        } catch (FetchException | IOException e) {
            return false;
        }
    }

    private static Outcome rejected(RejectionReason reason, String detail, long fetched) {
        return new Outcome.Rejected(reason, detail, fetched);
    }
}
