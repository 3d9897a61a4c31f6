-- sv-desktop team database: least-privilege roles.
--
-- Written for sv-desktop by its authors; print it with `sv-desktop team-setup --print-sql` (options choose the
-- schema and role names) and run it with psql as a database administrator:
--
--     psql "host=db.trust.nhs.uk dbname=svdesktop sslmode=verify-full" -f setup-roles.sql
--
-- Run it twice: once before the owner first opens the database (it creates the roles and the schema), and again
-- after every sv-desktop upgrade that changes the schema (it tightens the grants on the tables that exist).
-- It changes nothing that is already as it should be, so running it again is always safe.
--
--   {owner}   owns the schema and its tables and runs sv-desktop's migrations. Only the administrator who
--             upgrades sv-desktop logs in as it (Kerberos/GSSAPI, or a password kept in .pgpass).
--   {member}  a group role: each procurement manager logs in as themselves and is made a member of it,
--             e.g.  CREATE ROLE "jane.smith@TRUST.NHS.UK" LOGIN IN ROLE {member};
--             Members read and write rows; they cannot create, alter or drop tables, change the schema
--             version, delete a tender or bid for good (they move it to the bin; the owner empties the bin) or
--             delete or rewrite who made a change in the history.

BEGIN;

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{owner}') THEN
        CREATE ROLE "{owner}" LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{member}') THEN
        CREATE ROLE "{member}" NOLOGIN;
    END IF;
END
$roles$;

CREATE SCHEMA IF NOT EXISTS "{schema}" AUTHORIZATION "{owner}";
REVOKE ALL ON SCHEMA "{schema}" FROM PUBLIC;
GRANT USAGE ON SCHEMA "{schema}" TO "{member}";
ALTER ROLE "{owner}" SET search_path = "{schema}";
{search_path}

-- Tables and sequences the owner's migrations create from now on.
ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA "{schema}"
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{member}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA "{schema}"
    GRANT USAGE, SELECT ON SEQUENCES TO "{member}";

-- Tables that exist now.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{member}";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{member}";

DO $tighten$
BEGIN
    -- The schema version is the owner's alone.
    IF to_regclass('"{schema}".alembic_version') IS NOT NULL THEN
        REVOKE INSERT, UPDATE, DELETE ON "{schema}".alembic_version FROM "{member}";
    END IF;
    -- Soft delete only: a member moves a tender or a bid to the bin (an UPDATE); removing it for good is the
    -- owner's.
    IF to_regclass('"{schema}".tender') IS NOT NULL THEN
        REVOKE DELETE ON "{schema}".tender FROM "{member}";
    END IF;
    IF to_regclass('"{schema}".bid') IS NOT NULL THEN
        REVOKE DELETE ON "{schema}".bid FROM "{member}";
    END IF;
    -- The history is added to, never removed; autosave may extend a version (its copy, number and time),
    -- but who made it is never rewritten.
    IF to_regclass('"{schema}".tender_history') IS NOT NULL THEN
        REVOKE UPDATE, DELETE ON "{schema}".tender_history FROM "{member}";
        GRANT UPDATE (version, changed_at, snapshot) ON "{schema}".tender_history TO "{member}";
    END IF;
END
$tighten$;

COMMIT;
