package io.meshfleet.artifact.config;

import io.meshfleet.artifact.fetch.ReleaseFetcher;
import io.meshfleet.artifact.mirror.ReleaseMirror;
import io.meshfleet.artifact.store.BlobStore;
import io.meshfleet.artifact.store.LocalBlobStore;
import io.meshfleet.release.extract.ReleaseIndexer;
import io.meshfleet.release.extract.SafeExtractor;
import io.meshfleet.release.verify.ReleaseKeys;
import io.meshfleet.release.verify.ReleaseVerifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/** Wires the plain-Java mirror pieces from {@link ArtifactConfig}. */
@Singleton
public class ArtifactBeans {

    private static final Logger LOG = Logger.getLogger(ArtifactBeans.class);
    /** A DER ECDSA P-256 signature is at most 72 bytes; anything much larger is not one. */
    private static final long MAX_SIGNATURE_BYTES = 4096;

    @Produces
    @Singleton
    BlobStore blobStore(ArtifactConfig config) {
        try {
            LocalBlobStore store = new LocalBlobStore(config.storeDir());
            LOG.infof("blob store at %s", config.storeDir().toAbsolutePath());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store at " + config.storeDir()
                    + ": create it or point meshfleet.artifacts.store-dir at a writable directory", e);
        }
    }

    @Produces
    @Singleton
    ReleaseKeys releaseKeys(ArtifactConfig config) {
        List<Path> files = config.trustedKeys().orElse(List.of());
        ReleaseKeys keys;
        try {
            ReleaseKeys extra = files.isEmpty() ? null : ReleaseKeys.load(files.toArray(Path[]::new));
            if (config.trustGoogleAsmKey()) {
                keys = extra == null ? ReleaseKeys.googleAsm() : ReleaseKeys.googleAsm().with(extra);
            } else if (extra != null) {
                keys = extra;
            } else {
                throw new IllegalStateException("no release key is trusted: set meshfleet.artifacts.trusted-keys to PEM"
                        + " files, or leave meshfleet.artifacts.trust-google-asm-key on");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted release keys " + files + ": " + e.getMessage(), e);
        }
        LOG.infof("release archives must be signed by one of the pinned keys %s", keys.keyIds());
        return keys;
    }

    @Produces
    @Singleton
    HttpClient httpClient(ArtifactConfig config) {
        return HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL) // never from https to http
                .build();
    }

    @Produces
    @Singleton
    ReleaseMirror releaseMirror(BlobStore store, ReleaseKeys keys, ArtifactConfig config) {
        return new ReleaseMirror(store, new ReleaseFetcher(config.stallTimeout()), new ReleaseVerifier(keys),
                SafeExtractor.forMeshReleases(), new ReleaseIndexer(),
                new ReleaseMirror.Limits(config.maxArchiveBytes(), MAX_SIGNATURE_BYTES, config.fetchAttempts(),
                        config.fetchBackoff()));
    }
}
