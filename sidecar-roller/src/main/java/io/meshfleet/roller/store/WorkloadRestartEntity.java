package io.meshfleet.roller.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A workload restarted for a roll, with the pods it cost; at most one row per workload and roll. */
@Entity
@Table(name = "workload_restart")
public class WorkloadRestartEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "roll_id", nullable = false)
    public Long rollId;

    @Column(name = "cluster_id", nullable = false)
    public String clusterId;

    @Column(name = "namespace", nullable = false)
    public String namespace;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "pods", nullable = false)
    public int pods;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    /** When the agent's report that it executed the restart arrived; null until then. */
    @Column(name = "executed_at")
    public Instant executedAt;
}
