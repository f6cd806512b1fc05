package io.meshfleet.artifact.mirror;

import io.meshfleet.artifact.catalog.ReleaseCatalog;
import io.meshfleet.artifact.catalog.ReleaseEntity;
import io.meshfleet.artifact.config.ArtifactConfig;
import io.meshfleet.artifact.fetch.ReleaseSource;
import io.meshfleet.artifact.store.BlobStore;
import io.meshfleet.events.Envelope;
import io.meshfleet.events.ArtifactEvent;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.events.ReleaseIndex;
import io.meshfleet.events.ReleaseRejected;
import io.meshfleet.events.ReleaseVerified;
import io.meshfleet.messaging.OutboundEnvelopes;
import io.meshfleet.release.extract.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Works through the mirror queue, one request at a time, on its own thread: for each platform of a
 * request, mirror the archive (or find it verified already), record the outcome in the catalog, and
 * publish {@code ReleaseVerified} or {@code ReleaseRejected}. A request is marked finished only after
 * its events were acknowledged by the broker, so a crash at any point leads to the request being taken
 * up again at start: already verified archives are found in the catalog (nothing is fetched twice),
 * partial downloads resume, and the events are sent again with the same content.
 */
@ApplicationScoped
public class MirrorWorker {

    static final String SOURCE = "meshfleet/artifact-service";
    private static final Logger LOG = Logger.getLogger(MirrorWorker.class);

    private final MirrorQueue queue;
    private final ReleaseCatalog catalog;
    private final ReleaseMirror mirror;
    private final BlobStore store;
    private final ArtifactConfig config;
    private final HttpClient http;
    private final OutboundEnvelopes outbound;
    private final Emitter<Record<String, byte[]>> events;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter bytesMirrored;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    MirrorWorker(MirrorQueue queue, ReleaseCatalog catalog, ReleaseMirror mirror, BlobStore store, ArtifactConfig config,
            HttpClient http, OutboundEnvelopes outbound,
            @Channel("artifact-events") Emitter<Record<String, byte[]>> events, Clock clock, MeterRegistry registry) {
        this.queue = queue;
        this.catalog = catalog;
        this.mirror = mirror;
        this.store = store;
        this.config = config;
        this.http = http;
        this.outbound = outbound;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
        this.bytesMirrored = Counter.builder("meshfleet.artifacts.mirrored.bytes")
                .description("Bytes fetched from release sources (archives and signatures)")
                .baseUnit("bytes").register(registry);
        MirrorMeters.register(registry);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::loop, "mirror-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Wakes the worker when a request was committed to the queue. */
    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) MirrorQueue.Enqueued enqueued) {
        wake();
    }

    /** Makes the worker look at the queue now. */
    public void wake() {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            try {
                Optional<MirrorRequestEntity> next = queue.claimNext(clock.instant());
                if (next.isPresent()) {
                    process(next.get());
                } else {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The broker or the database is away: the request stays RUNNING and is taken up again.
                LOG.errorf(e, "mirror worker: %s; trying again in %s", e.getMessage(), config.pollInterval());
                try {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void process(MirrorRequestEntity request) throws InterruptedException {
        LOG.infof("mirroring %s %s from %s (request %s)", request.version, request.platforms, request.source,
                request.requestId);
        ReleaseSource source = ReleaseSource.of(request.source, http, config.requestTimeout());
        List<String> summary = new ArrayList<>();
        boolean allVerified = true;
        for (String platformId : request.platforms) {
            Platform platform = Platform.fromId(platformId);
            ArtifactEvent outcome = mirrorPlatform(request, platform, source);
            if (outcome instanceof ReleaseVerified verified) {
                summary.add(platformId + ": verified, sha256 " + verified.sha256() + ", key " + verified.keyId());
            } else {
                ReleaseRejected rejected = (ReleaseRejected) outcome;
                allVerified = false;
                summary.add(platformId + ": " + rejected.reason() + ": " + rejected.detail());
            }
            String correlation = request.correlationId != null ? request.correlationId : request.requestId;
            outbound.send(events, Envelope.of(SOURCE, outcome, clock).withCorrelation(correlation))
                    .toCompletableFuture().join();
        }
        queue.finish(request.requestId, allVerified, String.join("\n", summary), clock.instant());
        try {
            store.discardIncoming(request.requestId);
        } catch (IOException e) {
            LOG.warnf("could not clean the work files of request %s: %s", request.requestId, e.getMessage());
        }
        LOG.infof("mirror request %s %s:\n%s", request.requestId, allVerified ? "done" : "failed", String.join("\n", summary));
    }

    private ArtifactEvent mirrorPlatform(MirrorRequestEntity request, Platform platform, ReleaseSource source)
            throws InterruptedException {
        Optional<ReleaseEntity> known = catalog.find(request.version, platform.id());
        if (known.isPresent()) {
            return verifiedEvent(known.get());
        }
        ReleaseMirror.Outcome outcome;
        try {
            outcome = mirror.mirror(request.requestId, request.version, platform, source, bytesMirrored::increment);
        } catch (IOException e) {
            LOG.errorf(e, "local store failure while mirroring %s %s", request.version, platform.id());
            outcome = new ReleaseMirror.Outcome.Rejected(RejectionReason.DOWNLOAD_FAILED, "the artifact-service could not"
                    + " write its store (" + e.getMessage() + "): check the disk under meshfleet.artifacts.store-dir and"
                    + " send the request again", 0);
        }
        if (outcome instanceof ReleaseMirror.Outcome.Verified verified) {
            MirrorMeters.verification(registry, platform).record(verified.verificationTime());
            ReleaseCatalog.Recorded recorded = catalog.record(verified.release(), request.requestId, clock.instant());
            if (recorded != ReleaseCatalog.Recorded.CONFLICT) {
                MirrorMeters.verified(registry, platform).increment();
                return verifiedEvent(catalog.find(request.version, platform.id()).orElseThrow());
            }
            outcome = new ReleaseMirror.Outcome.Rejected(RejectionReason.DIGEST_MISMATCH, verified.release().archiveName()
                    + " from " + source.describe() + " verifies but differs (sha256 " + verified.release().sha256()
                    + ") from the archive already mirrored for this version; the catalog keeps the first", 0);
        }
        ReleaseMirror.Outcome.Rejected rejected = (ReleaseMirror.Outcome.Rejected) outcome;
        MirrorMeters.rejections(registry, rejected.reason()).increment();
        catalog.reject(request.requestId, request.version, platform.id(), rejected.reason(), rejected.detail(),
                source.describe(), clock.instant());
        LOG.warnf("rejected %s %s: %s: %s", request.version, platform.id(), rejected.reason(), rejected.detail());
        return new ReleaseRejected(request.version, platform.id(), rejected.reason(), rejected.detail());
    }

    private static ReleaseVerified verifiedEvent(ReleaseEntity row) {
        return new ReleaseVerified(row.key.version(), row.key.platform(), row.archiveName, row.sha256, row.sizeBytes,
                row.keyId, row.source, new ReleaseIndex(row.istioctlPath, row.istioctlSha256, row.profiles, row.samples));
    }
}
