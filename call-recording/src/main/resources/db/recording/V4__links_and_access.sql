-- The key that signs download links, shared by every node of the database (one row), and the
-- per-tenant log of every download, link and delete.
CREATE TABLE recording.signing_key (
    id          integer PRIMARY KEY CHECK (id = 1),
    secret      bytea NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE recording.access_log (
    id            bigserial PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    recording_id  uuid NOT NULL,
    action        text NOT NULL CHECK (action IN ('download', 'delete', 'link')),
    via           text NOT NULL CHECK (via IN ('api', 'link', 'sweeper')),
    key_prefix    text,
    source        text,
    bytes         bigint,
    at            timestamptz NOT NULL
);
CREATE INDEX access_log_page ON recording.access_log (tenant_id, id DESC);
