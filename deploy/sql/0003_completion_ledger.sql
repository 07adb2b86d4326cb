-- 0003_completion_ledger.sql
-- The completion ledger: one row per completed job, keyed uniquely by (service, tenant, job), written
-- by the job after its completed state is persisted. `completions` counts how often that happened:
-- anything above 1 is a job completed twice, which the design promises never happens, so operators
-- and the fault tests can check the promise with one query:
--   SELECT count(*) FROM actors_job_completions WHERE completions > 1;
-- Never edit this file once applied: add a new numbered file.

CREATE TABLE IF NOT EXISTS actors_job_completions
(
    service_id          text        NOT NULL,
    tenant_id           text        NOT NULL,
    job_id              text        NOT NULL,
    completions         integer     NOT NULL DEFAULT 1,
    first_completed_at  timestamptz NOT NULL,
    last_completed_at   timestamptz NOT NULL,
    PRIMARY KEY (service_id, tenant_id, job_id)
);
