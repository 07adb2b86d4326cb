-- 0004_job_index.sql
-- The job list read model: one row per job with its latest snapshot, written in batches by each
-- tenant's TenantJobList grain (never on a job's critical path) and read by GET /api/v1/analyses.
-- A tenant's job list grows without bound, so it lives here rather than in one grain's state.
-- `last_sequence` orders writes: an older snapshot never overwrites a newer one.
-- Never edit this file once applied: add a new numbered file.

CREATE TABLE IF NOT EXISTS actors_jobs
(
    service_id     text        NOT NULL,
    tenant_id      text        NOT NULL,
    job_id         text        NOT NULL,
    type           text        NOT NULL,
    status         text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    last_sequence  bigint      NOT NULL,
    snapshot       jsonb       NOT NULL,
    PRIMARY KEY (service_id, tenant_id, job_id)
);

-- Newest first per tenant, optionally by status: the list endpoint's order and filters.
CREATE INDEX IF NOT EXISTS actors_jobs_by_tenant_created
    ON actors_jobs (service_id, tenant_id, created_at DESC, job_id);
CREATE INDEX IF NOT EXISTS actors_jobs_by_tenant_status_created
    ON actors_jobs (service_id, tenant_id, status, created_at DESC, job_id);
