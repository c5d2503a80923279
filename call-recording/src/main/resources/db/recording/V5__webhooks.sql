-- A tenant's completion webhook: where to POST, and the secret its signature header is made with.
ALTER TABLE recording.tenant_settings ADD COLUMN webhook_url text;
ALTER TABLE recording.tenant_settings ADD COLUMN webhook_secret text;
