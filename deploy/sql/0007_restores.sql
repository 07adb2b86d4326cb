-- 0007_restores.sql
-- Restores of this database from a backup. deploy/restore.sh adds a row once pg_restore has finished.
-- Watchdog reminders live in Redis, not in the backup, so a restored job that was queued or running
-- has nothing to wake it: a silo that starts while a restore has no recovery row for its service
-- re-arms every such job (RestoreRecovery) and then adds that row. Restores are rare and tiny rows.
-- Never edit this file once applied: add a new numbered file.

CREATE TABLE IF NOT EXISTS actors_restores
(
    restore_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    restored_at  timestamptz NOT NULL DEFAULT now(),
    backup_file  text        NOT NULL
);

-- One row per restore and service whose jobs have been re-armed; `jobs` is how many were.
CREATE TABLE IF NOT EXISTS actors_restore_recoveries
(
    restore_id    bigint      NOT NULL REFERENCES actors_restores (restore_id) ON DELETE CASCADE,
    service_id    text        NOT NULL,
    recovered_at  timestamptz NOT NULL DEFAULT now(),
    jobs          integer     NOT NULL,
    PRIMARY KEY (restore_id, service_id)
);
