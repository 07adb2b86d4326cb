-- 0002_grain_state_queries.sql
-- The query texts the ADO.NET grain storage provider runs against actors_grain_state (0001),
-- stored in OrleansQuery under the keys the provider looks up at silo start-up.
--
-- Contract (Orleans.Storage.AdoNetGrainStorage): parameters @ServiceId, @GrainIdHash, @GrainIdN0,
-- @GrainIdN1, @GrainIdExtensionString (NULL when the key has none), @GrainTypeString (the state
-- name), @GrainTypeHash (unused here), @GrainStateVersion (the grain's ETag; NULL when it has never
-- seen a row) and @PayloadBinary. Write and clear return the row's new version as
-- "NewGrainStateVersion", or no row at all on a version conflict: the provider turns "no row"
-- into InconsistentStateException. Read returns "PayloadBinary" and "Version".
-- Result aliases are quoted so their case survives; nullable parameters carry casts because a
-- NULL alone gives PostgreSQL no type to infer.
--
-- ON CONFLICT DO UPDATE makes re-running this file a no-op. To change a query, add a new file
-- that upserts the new text: a silo picks it up at its next start.

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey',
    $query$
    SELECT payload AS "PayloadBinary", version AS "Version"
    FROM actors_grain_state
    WHERE service_id = @ServiceId
      AND grain_id_hash = @GrainIdHash
      AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text;
    $query$
),
(
    -- First write (no ETag): insert version 1 unless a row exists. Later writes: update only the
    -- version the grain last saw. A concurrent first write loses on the identity constraint and,
    -- like any conflict, returns no row.
    'WriteToStorageKey',
    $query$
    WITH inserted AS (
        INSERT INTO actors_grain_state
            (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_key_ext, state_name, payload, version)
        SELECT @ServiceId, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString::text, @GrainTypeString, @PayloadBinary::bytea, 1
        WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT ON CONSTRAINT actors_grain_state_identity DO NOTHING
        RETURNING version
    ),
    updated AS (
        UPDATE actors_grain_state
        SET payload = @PayloadBinary::bytea, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId
          AND grain_id_hash = @GrainIdHash
          AND state_name = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0
          AND grain_id_n1 = @GrainIdN1
          AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
          AND version = @GrainStateVersion::integer
        RETURNING version
    )
    SELECT version AS "NewGrainStateVersion" FROM inserted
    UNION ALL
    SELECT version FROM updated;
    $query$
),
(
    -- Same concurrency rule as the write, with a NULL payload. The row stays as a tombstone so the
    -- version keeps growing: a stale activation cannot resurrect cleared state. Without an ETag
    -- (state never written) a tombstone at version 1 is recorded instead of failing.
    'ClearStorageKey',
    $query$
    WITH inserted AS (
        INSERT INTO actors_grain_state
            (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_key_ext, state_name, payload, version)
        SELECT @ServiceId, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString::text, @GrainTypeString, NULL, 1
        WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT ON CONSTRAINT actors_grain_state_identity DO NOTHING
        RETURNING version
    ),
    cleared AS (
        UPDATE actors_grain_state
        SET payload = NULL, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId
          AND grain_id_hash = @GrainIdHash
          AND state_name = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0
          AND grain_id_n1 = @GrainIdN1
          AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
          AND version = @GrainStateVersion::integer
        RETURNING version
    )
    SELECT version AS "NewGrainStateVersion" FROM inserted
    UNION ALL
    SELECT version FROM cleared;
    $query$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
