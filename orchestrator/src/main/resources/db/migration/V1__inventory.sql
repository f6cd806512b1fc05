-- The fleet inventory: one row per cluster, derived from the agents' ClusterState reports.
-- observed_generation makes the upsert idempotent: a report no newer than the row is dropped.
CREATE TABLE cluster (
    cluster_id               VARCHAR(253) PRIMARY KEY,
    cluster_kind             VARCHAR(16)  NOT NULL,
    labels                   JSONB        NOT NULL DEFAULT '{}'::jsonb,
    mesh_version             VARCHAR(64),
    control_plane_pods       INTEGER      NOT NULL,
    control_plane_ready_pods INTEGER      NOT NULL,
    workload_pods            INTEGER      NOT NULL,
    workload_ready_pods      INTEGER      NOT NULL,
    proxy_versions           JSONB        NOT NULL DEFAULT '{}'::jsonb,
    observed_generation      BIGINT       NOT NULL,
    observed_at              TIMESTAMPTZ  NOT NULL,
    last_seen                TIMESTAMPTZ  NOT NULL
);

CREATE INDEX cluster_mesh_version_idx ON cluster (mesh_version);
CREATE INDEX cluster_labels_idx ON cluster USING GIN (labels);
