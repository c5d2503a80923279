-- The live stream (cti.md, "Live"): a tenant's open calls, read every time its calls change while
-- someone watches. Only open calls are in it, so it stays as small as the calls in progress.
CREATE INDEX call_open_by_tenant ON cti.call (tenant_id, started_at) WHERE state = 'open';
