package io.meshfleet.artifact.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A verified release archive (table {@code release_artifact}, Flyway V3). */
@Entity
@Table(name = "release_artifact")
public class ReleaseEntity extends PanacheEntityBase {

    /** Version and platform. */
    @Embeddable
    public record Key(String version, String platform) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "archive_name", nullable = false)
    public String archiveName;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(nullable = false)
    public String source;

    @Column(name = "verified_at", nullable = false)
    public Instant verifiedAt;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "istioctl_path", nullable = false)
    public String istioctlPath;

    @Column(name = "istioctl_sha256", nullable = false)
    public String istioctlSha256;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> profiles;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> samples;

    /** Every regular file of the extracted tree: path to {@code {size, sha256, executable}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Map<String, Object>> files;
}
