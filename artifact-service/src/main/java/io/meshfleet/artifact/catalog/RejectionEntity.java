package io.meshfleet.artifact.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A refused release archive (table {@code release_rejection}, Flyway V3). */
@Entity
@Table(name = "release_rejection")
public class RejectionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(nullable = false)
    public String version;

    @Column(nullable = false)
    public String platform;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String detail;

    @Column(nullable = false)
    public String source;

    @Column(name = "rejected_at", nullable = false)
    public Instant rejectedAt;
}
