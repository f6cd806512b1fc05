-- Ids of the messages each consumer has processed, written in the same transaction as the
-- message's effects, so a redelivered or duplicated message changes nothing (see fleet-messaging).
CREATE TABLE processed_message (
    consumer     VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

CREATE INDEX processed_message_age_idx ON processed_message (processed_at);
