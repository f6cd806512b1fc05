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

/** The verification state of one release archive (table {@code artifact_release}), from artifact-service. */
@Entity
@Table(name = "artifact_release")
@IdClass(ArtifactReleaseEntity.Key.class)
public class ArtifactReleaseEntity extends PanacheEntityBase {

    @Id
    @Column(name = "version")
    public String version;

    @Id
    @Column(name = "platform")
    public String platform;

    @Column(name = "state", nullable = false)
    public String state;

    @Column(name = "sha256")
    public String sha256;

    @Column(name = "detail")
    public String detail;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String version;
        public String platform;

        public Key() {
        }

        public Key(String version, String platform) {
            this.version = version;
            this.platform = platform;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(version, k.version) && Objects.equals(platform, k.platform);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, platform);
        }
    }
}
