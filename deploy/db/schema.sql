-- Run as the superuser in each database roles.sql created (PostgreSQL before 15 lets every role create
-- tables in the public schema; this makes the database's owner the only one who may):
--   psql -h <host> -U postgres -d meshfleet           -v ON_ERROR_STOP=1 -f deploy/db/schema.sql
--   psql -h <host> -U postgres -d meshfleet_artifacts -v ON_ERROR_STOP=1 -f deploy/db/schema.sql
--   psql -h <host> -U postgres -d meshfleet_roller    -v ON_ERROR_STOP=1 -f deploy/db/schema.sql
DO $$
BEGIN
    EXECUTE format('ALTER SCHEMA public OWNER TO %I',
                   (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()));
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO PUBLIC;
