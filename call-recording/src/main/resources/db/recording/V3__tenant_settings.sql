-- Per-tenant rules for recordings, and when a deleted recording's files were removed.
CREATE TABLE recording.tenant_settings (
    tenant_id           uuid PRIMARY KEY,
    mono_at_completion  boolean NOT NULL DEFAULT false,
    retention_days      integer CHECK (retention_days > 0),
    quota_bytes         bigint CHECK (quota_bytes > 0),
    updated_at          timestamptz NOT NULL
);

ALTER TABLE recording.recording ADD COLUMN purged_at timestamptz;
CREATE INDEX recording_purge ON recording.recording (deleted_at) WHERE deleted_at IS NOT NULL AND purged_at IS NULL;
