-- The orchestrator runs as its own database role (quarkus.datasource.username), not as the owner
-- that runs these migrations (quarkus.flyway.username). The role must exist (deploy/db/roles.sql).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') THEN
        RAISE EXCEPTION 'database role "${app_role}" does not exist: create it first (see deploy/db/roles.sql) or set quarkus.flyway.placeholders.app_role';
    END IF;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON cluster, processed_message, plan, plan_cluster, artifact_release, outbox
    TO "${app_role}";
GRANT USAGE, SELECT ON SEQUENCE outbox_seq_seq, audit_entry_seq TO "${app_role}";
-- The audit trail: read and append, nothing else.
GRANT SELECT, INSERT ON audit_entry TO "${app_role}";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM "${app_role}";
