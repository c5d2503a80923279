-- Call events from every source, normalised (src/docs/cti-design.md, section 2). The primary key
-- is the idempotency key: a source's event sent twice is one row. Text columns are compared byte
-- by byte (COLLATE "C"): they are identifiers, not words.
CREATE TABLE cti.event (
    tenant_id   uuid NOT NULL,
    source      text COLLATE "C" NOT NULL,
    instance    text COLLATE "C" NOT NULL,
    id          text COLLATE "C" NOT NULL,
    seq         bigint,
    at          timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    type        text COLLATE "C" NOT NULL,
    call_key    text COLLATE "C" NOT NULL,
    channel     text COLLATE "C",
    peer        text COLLATE "C",
    queue       text,
    agent       text,
    number      text,
    name        text,
    dialled     text,
    data        jsonb,
    PRIMARY KEY (tenant_id, source, instance, id)
);

-- A call's events, read when its record is built.
CREATE INDEX event_by_call ON cti.event (tenant_id, call_key);
