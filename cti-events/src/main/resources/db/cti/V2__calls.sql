-- Call records (src/docs/cti-design.md, section 4): one row per call, always rebuilt from all of
-- the call's events, never patched.

-- Call keys whose events changed since their record was last built. A key is marked once per
-- written batch (never a conflict, so the event writer never waits on the builder); the builder
-- claims the oldest marks by their primary key, and a key marked again meanwhile is built again.
CREATE TABLE cti.dirty (
    mark      bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL,
    instance  text COLLATE "C" NOT NULL,
    call_key  text COLLATE "C" NOT NULL
);

-- Transfers and pickups join call keys through a channel: one key's event names a channel (its own,
-- or as the peer of a transfer or pickup) that started under another key. Only the start of each
-- channel is indexed (one event in about sixteen), so that ingest pays little for it; the other
-- direction is found through the records already built (cti.call_member).
CREATE INDEX event_channel_start ON cti.event (tenant_id, channel) WHERE type = 'channel-start';

CREATE TABLE cti.call (
    tenant_id         uuid NOT NULL,
    id                uuid NOT NULL,
    instance          text COLLATE "C" NOT NULL,
    call_key          text COLLATE "C" NOT NULL,
    keys              text[] COLLATE "C" NOT NULL,
    state             text NOT NULL,
    outcome           text,
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz,
    caller_number     text,
    caller_name       text,
    -- The caller-name role's answer for caller_number (the builder never writes these).
    caller_lookup_number text,
    caller_lookup_name   text,
    caller_lookup_source text,
    callee            text,
    ringing_at        timestamptz,
    answered_at       timestamptz,
    answered_by       text,
    queue             text,
    queue_entered_at  timestamptz,
    queue_left_at     timestamptz,
    queue_result      text,
    agents            text[] NOT NULL,
    ring_no_answers   integer NOT NULL,
    holds             integer NOT NULL,
    hold_ms           bigint NOT NULL,
    transfers         jsonb NOT NULL,
    picked_up         boolean NOT NULL,
    wait_ms           bigint,
    talk_ms           bigint,
    duration_ms       bigint,
    recording         text,
    legs              jsonb NOT NULL,
    events            integer NOT NULL,
    late_events       integer NOT NULL,
    last_event_at     timestamptz NOT NULL,
    last_received_at  timestamptz NOT NULL,
    swept_at          timestamptz,
    problem           text,
    built_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
-- A call by its smallest key (the builder's lookups name tenant, key and instance).
CREATE UNIQUE INDEX call_by_root ON cti.call (tenant_id, call_key, instance);
CREATE INDEX call_by_start ON cti.call (tenant_id, started_at, id);
-- The sweep's work: calls still open, by when they last heard anything.
CREATE INDEX call_open ON cti.call (last_received_at) WHERE state = 'open';
-- The naming pass's work: calls whose caller's number has not been looked up yet.
CREATE INDEX call_to_name ON cti.call (built_at)
    WHERE caller_number IS NOT NULL AND caller_lookup_number IS DISTINCT FROM caller_number;

-- The other keys of calls that joined several: which call (by its smallest key) each is part of.
-- A lookup by primary key, whatever the planner knows of the tables' sizes.
CREATE TABLE cti.call_member (
    tenant_id uuid NOT NULL,
    call_key  text COLLATE "C" NOT NULL,
    instance  text COLLATE "C" NOT NULL,
    root      text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, call_key, instance)
);
