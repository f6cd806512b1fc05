-- The orchestrator's two database roles (run once as a PostgreSQL superuser, then set the passwords).
--   meshfleet      owns the schema; Flyway migrates as it (POSTGRES_OWNER_USER / POSTGRES_OWNER_PASSWORD)
--   meshfleet_app  the running service (POSTGRES_USER / POSTGRES_PASSWORD): the migrations grant it
--                  read/write on its tables but only SELECT and INSERT on the audit trail
CREATE ROLE meshfleet LOGIN;
CREATE ROLE meshfleet_app LOGIN;
CREATE DATABASE meshfleet OWNER meshfleet;
-- \password meshfleet
-- \password meshfleet_app
