package io.meshfleet.orchestrator.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A plan row (table {@code plan}, migration V3): the submitted document and the rollout state as JSON. */
@Entity
@Table(name = "plan")
public class PlanEntity extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public String planId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "target_version", nullable = false)
    public String targetVersion;

    @Column(name = "state", nullable = false)
    public String state;

    @Column(name = "document", nullable = false)
    public String document;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rollout", nullable = false)
    public String rollout;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
