package io.meshfleet.roller.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One roll: a plan on a cluster, with the RollSidecars envelope that started it and its status. */
@Entity
@Table(name = "roll")
public class RollEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(name = "cluster_id", nullable = false)
    public String clusterId;

    @Column(name = "envelope", nullable = false)
    public byte[] envelope;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
