package io.meshfleet.roller.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One namespace of a roll, at its position in the roll order. */
@Entity
@Table(name = "roll_namespace")
public class RollNamespaceEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "roll_id", nullable = false)
    public Long rollId;

    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "namespace", nullable = false)
    public String namespace;

    @Column(name = "phase", nullable = false)
    public String phase;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "deadline")
    public Instant deadline;
}
