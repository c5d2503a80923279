-- Service-level targets a tenant sets (cti.md, "Targets"): for each queue, or for all its calls
-- (queue ''), the T of its service level and the short-abandon time. Unset: the node's.
CREATE TABLE cti.queue_target (
    tenant_id         uuid        NOT NULL,
    queue             text        NOT NULL,
    service_level_ms  integer     NOT NULL CHECK (service_level_ms BETWEEN 1000 AND 3600000),
    short_abandon_ms  integer     NOT NULL CHECK (short_abandon_ms BETWEEN 0 AND 600000),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, queue)
);

-- The targets a record was counted with, so that taking it out of the figures again (a late event
-- rebuilt it) takes out what it added, whatever the targets are now. Null: the node's (records
-- counted before targets existed).
ALTER TABLE cti.call ADD COLUMN counted_sl_ms integer, ADD COLUMN counted_short_ms integer;
