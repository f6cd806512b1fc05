package io.meshfleet.artifact.catalog;

import io.meshfleet.artifact.mirror.MirroredRelease;
import io.meshfleet.events.RejectionReason;
import io.meshfleet.release.extract.ExtractedFile;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog of verified releases and of refusals, in PostgreSQL. */
@ApplicationScoped
public class ReleaseCatalog {

    /** What {@link #record} found. */
    public enum Recorded {
        /** A new row. */
        ADDED,
        /** The same archive (same digest) was recorded before: nothing changed. */
        UNCHANGED,
        /** Another archive (another digest) is recorded for this version and platform: nothing changed. */
        CONFLICT
    }

    /** The verified archive of {@code version} for {@code platform}. */
    @Transactional
    public Optional<ReleaseEntity> find(String version, String platform) {
        return ReleaseEntity.findByIdOptional(new ReleaseEntity.Key(version, platform));
    }

    /** A verified archive by its digest. */
    @Transactional
    public Optional<ReleaseEntity> findBySha256(String sha256) {
        return ReleaseEntity.<ReleaseEntity>find("sha256", sha256).firstResultOptional();
    }

    /** Every verified archive, newest version first by verification time. */
    @Transactional
    public List<ReleaseEntity> all() {
        return ReleaseEntity.listAll(Sort.descending("verifiedAt").and("key.platform"));
    }

    /** Records a verified, published archive, once. */
    @Transactional
    public Recorded record(MirroredRelease release, String requestId, Instant now) {
        Optional<ReleaseEntity> existing = find(release.version(), release.platform());
        if (existing.isPresent()) {
            return existing.get().sha256.equals(release.sha256()) ? Recorded.UNCHANGED : Recorded.CONFLICT;
        }
        ReleaseEntity row = new ReleaseEntity();
        row.key = new ReleaseEntity.Key(release.version(), release.platform());
        row.archiveName = release.archiveName();
        row.sha256 = release.sha256();
        row.sizeBytes = release.sizeBytes();
        row.keyId = release.keyId();
        row.source = release.source();
        row.verifiedAt = now;
        row.requestId = requestId;
        row.istioctlPath = release.contents().istioctlPath();
        row.istioctlSha256 = release.contents().istioctlSha256();
        row.profiles = release.contents().profiles();
        row.samples = release.contents().samples();
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        for (ExtractedFile file : release.files()) {
            files.put(file.path(), Map.of("size", file.size(), "sha256", file.sha256(), "executable", file.executable()));
        }
        row.files = files;
        row.persist();
        return Recorded.ADDED;
    }

    /** Records a refusal. */
    @Transactional
    public void reject(String requestId, String version, String platform, RejectionReason reason, String detail,
            String source, Instant now) {
        RejectionEntity row = new RejectionEntity();
        row.requestId = requestId;
        row.version = version;
        row.platform = platform;
        row.reason = reason.name();
        row.detail = detail;
        row.source = source;
        row.rejectedAt = now;
        row.persist();
    }

    /** The latest refusals, newest first. */
    @Transactional
    public List<RejectionEntity> rejections(int limit) {
        return RejectionEntity.findAll(Sort.descending("rejectedAt").and("id", Sort.Direction.Descending))
                .page(0, limit).list();
    }
}
