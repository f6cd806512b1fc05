-- The sidecar-roller's durable state: what it was asked, what it decided, what it still has to send.
-- A roll is rebuilt after a restart from roll, roll_namespace and workload_restart; the pacer's budgets
-- from the workload_restart rows of the last minute.

-- Ids of the roller commands processed, written in the transaction that records the request.
CREATE TABLE processed_message (
    consumer     VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, message_id)
);
CREATE INDEX processed_message_age_idx ON processed_message (processed_at);

-- RollSidecars, PauseRoll and AbortRoll as received: operator actions are data, applied by the next
-- decision pass, never a call into a running loop.
CREATE TABLE roll_request (
    id          BIGSERIAL    PRIMARY KEY,
    kind        VARCHAR(16)  NOT NULL,
    plan_id     VARCHAR(253) NOT NULL,
    cluster_id  VARCHAR(253) NOT NULL,
    envelope    BYTEA        NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    applied_at  TIMESTAMPTZ
);
CREATE INDEX roll_request_pending_idx ON roll_request (id) WHERE applied_at IS NULL;

-- One roll per plan and cluster; envelope is the RollSidecars envelope that started it.
CREATE TABLE roll (
    id          BIGSERIAL    PRIMARY KEY,
    plan_id     VARCHAR(253) NOT NULL,
    cluster_id  VARCHAR(253) NOT NULL,
    envelope    BYTEA        NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    paused_at   TIMESTAMPTZ,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (plan_id, cluster_id)
);

CREATE TABLE roll_namespace (
    id          BIGSERIAL    PRIMARY KEY,
    roll_id     BIGINT       NOT NULL REFERENCES roll (id),
    position    INTEGER      NOT NULL,
    namespace   VARCHAR(253) NOT NULL,
    phase       VARCHAR(16)  NOT NULL,
    started_at  TIMESTAMPTZ,
    deadline    TIMESTAMPTZ,
    UNIQUE (roll_id, namespace)
);

-- Every workload restarted for a roll. The unique key is the promise: no workload twice per roll.
CREATE TABLE workload_restart (
    id          BIGSERIAL    PRIMARY KEY,
    roll_id     BIGINT       NOT NULL REFERENCES roll (id),
    cluster_id  VARCHAR(253) NOT NULL,
    namespace   VARCHAR(253) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    name        VARCHAR(253) NOT NULL,
    pods        INTEGER      NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (roll_id, namespace, kind, name)
);
CREATE INDEX workload_restart_issued_idx ON workload_restart (issued_at);

-- Messages decided in a pass, written in its transaction and sent after it commits. A signed
-- RestartWorkloads is resent byte for byte after a crash: an agent that already ran it refuses the
-- repeat by its nonce (REPLAYED), so no workload restarts twice.
CREATE TABLE outbox (
    id          BIGSERIAL    PRIMARY KEY,
    channel     VARCHAR(32)  NOT NULL,
    message_key VARCHAR(253) NOT NULL,
    payload     BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;
