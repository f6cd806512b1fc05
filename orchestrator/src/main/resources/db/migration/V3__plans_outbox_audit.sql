-- The control plane's own version, which the decider waits on after an install.
ALTER TABLE cluster ADD COLUMN control_plane_version VARCHAR(64);

-- Plans: the submitted document, and the whole rollout state (waves, cluster steps) as one JSON
-- document written by each decision pass under a row lock.
CREATE TABLE plan (
    plan_id        VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(253) NOT NULL,
    target_version VARCHAR(64)  NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    document       TEXT         NOT NULL,
    rollout        JSONB        NOT NULL,
    created_by     VARCHAR(253) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX plan_state_idx ON plan (state);

-- Which plan holds which cluster, and at which step: routes agent answers to their plan, feeds metrics.
CREATE TABLE plan_cluster (
    plan_id    VARCHAR(64)  NOT NULL REFERENCES plan (plan_id),
    cluster_id VARCHAR(253) NOT NULL,
    wave       INTEGER      NOT NULL,
    step       VARCHAR(32)  NOT NULL,
    step_since TIMESTAMPTZ,
    PRIMARY KEY (plan_id, cluster_id)
);
CREATE INDEX plan_cluster_cluster_idx ON plan_cluster (cluster_id);

-- Verification state of release archives, from artifact-service's events.
CREATE TABLE artifact_release (
    version    VARCHAR(64)  NOT NULL,
    platform   VARCHAR(64)  NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    sha256     CHAR(64),
    detail     TEXT,
    updated_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version, platform)
);

-- Transactional outbox: commands are written here in the transaction of the state change that
-- causes them, then relayed to Kafka in seq order; sent_at is set once the broker acknowledged.
-- A crash between the ack and the mark re-sends the same bytes (same id, same nonce), which every
-- consumer drops.
CREATE TABLE outbox (
    seq        BIGSERIAL    PRIMARY KEY,
    message_id UUID         NOT NULL UNIQUE,
    topic      VARCHAR(249) NOT NULL,
    msg_key    VARCHAR(253) NOT NULL,
    payload    BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL;

-- The audit trail: append-only and hash-chained (hash = SHA-256 over prev_hash and the entry).
CREATE TABLE audit_entry (
    seq            BIGINT       PRIMARY KEY,
    at             TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(253) NOT NULL,
    plan_id        VARCHAR(64),
    wave           INTEGER,
    cluster_id     VARCHAR(253),
    namespace      VARCHAR(253),
    type           VARCHAR(32)  NOT NULL,
    from_state     VARCHAR(64),
    to_state       VARCHAR(64),
    reason         TEXT,
    correlation_id VARCHAR(253),
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL
);
CREATE SEQUENCE audit_entry_seq;
-- Filtered pages are "WHERE <filter> AND seq > cursor ORDER BY seq LIMIT n": one index per filter.
CREATE INDEX audit_entry_plan_idx ON audit_entry (plan_id, seq);
CREATE INDEX audit_entry_cluster_idx ON audit_entry (cluster_id, seq);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, seq);
CREATE INDEX audit_entry_type_idx ON audit_entry (type, seq);
CREATE INDEX audit_entry_at_idx ON audit_entry (at, seq);

-- Append-only even for the table's owner; the application role additionally has no UPDATE,
-- DELETE or TRUNCATE privilege (V4). Only a superuser can get around both, and verify shows it.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
