-- Requests to mirror a release, from Kafka (MirrorRelease) or REST. The request id is the
-- message id, so a redelivered or duplicated request adds nothing.
CREATE TABLE mirror_request (
    request_id     VARCHAR(64)  PRIMARY KEY,
    version        VARCHAR(64)  NOT NULL,
    platforms      JSONB        NOT NULL,
    source         TEXT         NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    requested_by   VARCHAR(253) NOT NULL,
    requested_at   TIMESTAMPTZ  NOT NULL,
    correlation_id VARCHAR(64)
);

CREATE INDEX mirror_request_version_idx ON mirror_request (version, requested_at);
