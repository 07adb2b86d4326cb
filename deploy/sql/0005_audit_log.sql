-- 0005_audit_log.sql
-- The audit log read model: one row per recorded call, appended in batches by each tenant's
-- AuditLog grain (never on the request path) and paged newest first by GET /api/v1/audit.
-- `id` is sortable by time (aud_{ticks:x16}{random}), so the cursor is simply "id < before".
-- Rows older than Actors:Audit:RetentionDays are deleted by the grains' hourly sweep.
-- Never edit this file once applied: add a new numbered file.

CREATE TABLE IF NOT EXISTS actors_audit
(
    service_id  text        NOT NULL,
    tenant_id   text        NOT NULL,
    id          text        NOT NULL,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    resource    text        NOT NULL,
    outcome     text        NOT NULL,
    status      integer     NOT NULL,
    request_id  text        NOT NULL,
    client_ip   text,
    user_agent  text,
    PRIMARY KEY (service_id, tenant_id, id)
);
