package io.meshfleet.roller.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A roller command (RollSidecars, PauseRoll, AbortRoll) as received, applied by the next decision pass. */
@Entity
@Table(name = "roll_request")
public class RollRequestEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(name = "cluster_id", nullable = false)
    public String clusterId;

    @Column(name = "envelope", nullable = false)
    public byte[] envelope;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "applied_at")
    public Instant appliedAt;
}
