-- 0006_job_results.sql
-- Reports too large to keep in a job's grain state (over Actors:Jobs:InlineResultLimitBytes): the
-- job stores its report here first, then records in its state that the report is here. Rows of
-- jobs completed longer ago than Actors:Jobs:ResultRetention are deleted by the tenant's hourly
-- sweep; such a result then answers 410 result_expired.
-- Never edit this file once applied: add a new numbered file.

CREATE TABLE IF NOT EXISTS actors_job_results
(
    service_id    text        NOT NULL,
    tenant_id     text        NOT NULL,
    job_id        text        NOT NULL,
    completed_at  timestamptz NOT NULL,
    report        text        NOT NULL,
    PRIMARY KEY (service_id, tenant_id, job_id)
);

CREATE INDEX IF NOT EXISTS actors_job_results_by_tenant_completed
    ON actors_job_results (service_id, tenant_id, completed_at);
