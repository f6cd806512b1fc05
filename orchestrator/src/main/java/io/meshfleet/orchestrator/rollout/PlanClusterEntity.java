package io.meshfleet.orchestrator.rollout;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Which plan holds a cluster and at which step (table {@code plan_cluster}); a projection of the rollout. */
@Entity
@Table(name = "plan_cluster")
@IdClass(PlanClusterEntity.Key.class)
public class PlanClusterEntity extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public String planId;

    @Id
    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "wave", nullable = false)
    public int wave;

    @Column(name = "step", nullable = false)
    public String step;

    @Column(name = "step_since")
    public Instant stepSince;

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String planId;
        public String clusterId;

        public Key() {
        }

        public Key(String planId, String clusterId) {
            this.planId = planId;
            this.clusterId = clusterId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planId, k.planId) && Objects.equals(clusterId, k.clusterId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, clusterId);
        }
    }
}
