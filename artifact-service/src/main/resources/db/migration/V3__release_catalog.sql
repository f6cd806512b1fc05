-- The mirror's work on each request: QUEUED -> RUNNING -> DONE or FAILED, with what happened.
ALTER TABLE mirror_request ADD COLUMN started_at  TIMESTAMPTZ;
ALTER TABLE mirror_request ADD COLUMN finished_at TIMESTAMPTZ;
ALTER TABLE mirror_request ADD COLUMN detail      TEXT;
CREATE INDEX mirror_request_status_idx ON mirror_request (status, requested_at);

-- Verified release archives, one per version and platform: the verification record agents and
-- operators rely on. A row exists only once the blob and its tree are published in the store.
CREATE TABLE release_artifact (
    version         VARCHAR(64)  NOT NULL,
    platform        VARCHAR(8)   NOT NULL,
    archive_name    VARCHAR(128) NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    key_id          VARCHAR(128) NOT NULL,
    source          TEXT         NOT NULL,
    verified_at     TIMESTAMPTZ  NOT NULL,
    request_id      VARCHAR(64)  NOT NULL,
    istioctl_path   TEXT         NOT NULL,
    istioctl_sha256 CHAR(64)     NOT NULL,
    profiles        JSONB        NOT NULL,
    samples         JSONB        NOT NULL,
    files           JSONB        NOT NULL,
    PRIMARY KEY (version, platform)
);

CREATE INDEX release_artifact_sha256_idx ON release_artifact (sha256);

-- Every refusal, with the reason a person can act on.
CREATE TABLE release_rejection (
    id          BIGSERIAL    PRIMARY KEY,
    request_id  VARCHAR(64)  NOT NULL,
    version     VARCHAR(64)  NOT NULL,
    platform    VARCHAR(8)   NOT NULL,
    reason      VARCHAR(32)  NOT NULL,
    detail      TEXT         NOT NULL,
    source      TEXT         NOT NULL,
    rejected_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX release_rejection_version_idx ON release_rejection (version, rejected_at);
