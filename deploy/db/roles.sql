-- meshfleet's PostgreSQL roles and databases. Run once as a superuser (or a role with CREATEROLE and
-- CREATEDB), e.g.  psql -h <host> -U postgres -v ON_ERROR_STOP=1 -f deploy/db/roles.sql
-- then set the passwords (ALTER ROLE ... PASSWORD '...') and run schema.sql in each database it creates.
--
--   meshfleet            owns the orchestrator's schema; Flyway migrates as it
--                        (POSTGRES_OWNER_USER / POSTGRES_OWNER_PASSWORD). Never used by the running service.
--   meshfleet_app        the running orchestrator (POSTGRES_USER / POSTGRES_PASSWORD). The orchestrator's
--                        V4 migration grants it read/write on its tables and only SELECT and INSERT on the
--                        audit trail (audit_entry): it cannot UPDATE, DELETE or TRUNCATE it, and it owns
--                        nothing, so it cannot grant itself more or drop the append-only triggers.
--   meshfleet_artifacts  the artifact-service: owns its own database (its Flyway and its service are one role).
--   meshfleet_roller     the sidecar-roller: likewise.
--
-- None of them is a superuser, may create roles or databases, or bypasses row security.
CREATE ROLE meshfleet LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE meshfleet_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
CREATE ROLE meshfleet_artifacts LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE meshfleet_roller LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

CREATE DATABASE meshfleet OWNER meshfleet;
CREATE DATABASE meshfleet_artifacts OWNER meshfleet_artifacts;
CREATE DATABASE meshfleet_roller OWNER meshfleet_roller;

-- Only meshfleet's own roles connect, each to its own database.
REVOKE ALL ON DATABASE meshfleet FROM PUBLIC;
REVOKE ALL ON DATABASE meshfleet_artifacts FROM PUBLIC;
REVOKE ALL ON DATABASE meshfleet_roller FROM PUBLIC;
GRANT CONNECT ON DATABASE meshfleet TO meshfleet_app;
