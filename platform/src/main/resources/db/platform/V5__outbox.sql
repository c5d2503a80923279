-- Events between roles (ARCHITECTURE.md, "What the platform gives every role"): a role writes what
-- happened here in the transaction of the change itself, so that no event is lost when a node dies
-- between the change and the notice; a consumer (the cti role) claims rows and deletes them in the
-- transaction in which it stores what they became.
CREATE TABLE platform.outbox (
    id         bigserial PRIMARY KEY,
    tenant_id  uuid NOT NULL,
    topic      text NOT NULL,
    at         timestamptz NOT NULL,
    subject    text NOT NULL,
    body       jsonb NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);

-- Rows nobody took within the retention go (a consumer that was away too long).
CREATE INDEX outbox_by_written ON platform.outbox (written_at);

-- Who consumes: a role that takes events says so here; with nobody seen within the retention, no
-- role writes events at all (a deployment without the cti role keeps no outbox).
CREATE TABLE platform.outbox_consumer (
    name    text PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
