-- Recordings: one row from the moment a capture session opens (status in-progress) or an upload
-- starts, to its soft deletion. Audio lives on disk under the data directory; this row holds
-- where, its size and SHA-256, and what the legs' RTP looked like.
CREATE TABLE recording.recording (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL,
    call_id       text,
    from_number   text,
    to_number     text,
    direction     text,
    codec         text NOT NULL CHECK (codec IN ('PCMU', 'PCMA')),
    source        text NOT NULL CHECK (source IN ('capture', 'upload')),
    status        text NOT NULL
                  CHECK (status IN ('in-progress', 'processing', 'completed', 'failed', 'absent')),
    truncated     boolean NOT NULL DEFAULT false,
    started_at    timestamptz NOT NULL,
    duration_ms   bigint,
    channels      integer,
    size_bytes    bigint,
    sha256        text,
    file          text,
    legs          jsonb NOT NULL DEFAULT '[]',
    metadata      jsonb NOT NULL DEFAULT '{}',
    error         text,
    created_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    deleted_at    timestamptz
);

-- The list endpoint pages by (started_at, id) within a tenant.
CREATE INDEX recording_page ON recording.recording (tenant_id, started_at, id);
CREATE INDEX recording_call ON recording.recording (tenant_id, call_id);
