-- 0001_grain_state.sql
-- Creates where grain state lives: one row per (service, grain, state name), written by Orleans's
-- ADO.NET grain storage provider through the query texts in 0002. Also creates the OrleansQuery
-- table that provider reads its query texts from at silo start-up.
-- Applied by `Actors.Silo migrate`, once, in a transaction; every statement is idempotent anyway so
-- a hand-run with psql is harmless. Never edit this file once applied: add a new numbered file.

-- The identity constraint below needs UNIQUE NULLS NOT DISTINCT (PostgreSQL 15). Fail with a clear
-- message rather than a syntax error on an older server.
DO $$
BEGIN
    IF current_setting('server_version_num')::integer < 150000 THEN
        RAISE EXCEPTION 'Actors needs PostgreSQL 15 or later; this server is %', current_setting('server_version');
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS actors_grain_state
(
    -- ClusterOptions.ServiceId: two deployments can share a database without seeing each other's state.
    service_id    text        NOT NULL,
    -- The provider's hash of the grain key; leads the identity so a lookup narrows to one row even
    -- for string-keyed grains, whose numeric parts are all zero.
    grain_id_hash integer     NOT NULL,
    -- Integer and Guid keys arrive as two 64-bit halves; string keys arrive whole in grain_key_ext.
    grain_id_n0   bigint      NOT NULL,
    grain_id_n1   bigint      NOT NULL,
    -- The string key, or the key extension of an integer/Guid key; NULL when there is none.
    grain_key_ext text        NULL,
    -- The [PersistentState] name (the provider passes it as @GrainTypeString). Rows are not keyed by
    -- grain type, so every grain type must use its own state name.
    state_name    text        NOT NULL,
    -- Serialized state; NULL after a clear (the row stays as a tombstone that keeps the version).
    payload       bytea       NULL,
    -- Optimistic concurrency: the grain's ETag. Starts at 1, grows by one per write or clear.
    version       integer     NOT NULL,
    modified_at   timestamptz NOT NULL DEFAULT now(),
    -- NULLS NOT DISTINCT: a key without extension is one row, not a new row per insert.
    CONSTRAINT actors_grain_state_identity
        UNIQUE NULLS NOT DISTINCT (service_id, grain_id_hash, state_name, grain_id_n0, grain_id_n1, grain_key_ext)
);

-- Unquoted on purpose: the provider asks for OrleansQuery / QueryKey / QueryText unquoted, which
-- PostgreSQL folds to lower case; the same names here fold the same way.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
