package io.meshfleet.artifact.mirror;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A request to mirror a release (table {@code mirror_request}, Flyway migrations V1 and V3). */
@Entity
@Table(name = "mirror_request")
public class MirrorRequestEntity extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(nullable = false)
    public String version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> platforms;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** What the mirror did, per platform, once it finished. */
    @Column
    public String detail;
}
