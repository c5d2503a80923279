-- What an admin allows a tenant's recordings (issue 14): the highest quota the tenant may set
-- itself, and how many capture sessions it may have open on a node. A tenant without a row, or a
-- null, has no cap on its quota and the node's default session limit.
CREATE TABLE recording.tenant_limits (
    tenant_id        uuid PRIMARY KEY,
    quota_cap_bytes  bigint CHECK (quota_cap_bytes > 0),
    max_sessions     integer CHECK (max_sessions >= 0),
    updated_at       timestamptz NOT NULL
);
