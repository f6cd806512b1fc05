package io.meshfleet.orchestrator.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of the fleet inventory (table {@code cluster}, created by Flyway migration V1). */
@Entity
@Table(name = "cluster")
public class ClusterEntity extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "cluster_kind", nullable = false)
    public String clusterKind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "labels", nullable = false)
    public Map<String, String> labels;

    @Column(name = "mesh_version")
    public String meshVersion;

    @Column(name = "control_plane_version")
    public String controlPlaneVersion;

    @Column(name = "control_plane_pods", nullable = false)
    public int controlPlanePods;

    @Column(name = "control_plane_ready_pods", nullable = false)
    public int controlPlaneReadyPods;

    @Column(name = "workload_pods", nullable = false)
    public int workloadPods;

    @Column(name = "workload_ready_pods", nullable = false)
    public int workloadReadyPods;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proxy_versions", nullable = false)
    public Map<String, Integer> proxyVersions;

    @Column(name = "observed_generation", nullable = false)
    public long observedGeneration;

    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;
}
