-- Who may fetch a device's file (issue 14): a policy per tenant and source networks per site.
--
-- Tenants that already provision devices keep the behaviour they have ('open'): turning it off
-- under them would stop their TFTP phones at the next boot. Every tenant known to this schema
-- (one with devices, sites or settings) gets a settings row saying so. A tenant that gets its
-- first settings row after this migration gets the column's default, 'credentials', and one with
-- no row at all is read as 'credentials' too (DeviceRows): a new tenant is never open unless its
-- admin says so.
ALTER TABLE tftp.tenant_settings
    ADD COLUMN fetch_policy text NOT NULL DEFAULT 'open'
        CHECK (fetch_policy IN ('open', 'credentials', 'certificate', 'network'));

INSERT INTO tftp.tenant_settings (tenant_id, variables, updated_at, fetch_policy)
SELECT tenant_id, '{}', now(), 'open'
FROM (SELECT tenant_id FROM tftp.device UNION SELECT tenant_id FROM tftp.site) AS known
ON CONFLICT (tenant_id) DO NOTHING;

ALTER TABLE tftp.tenant_settings ALTER COLUMN fetch_policy SET DEFAULT 'credentials';

-- CIDRs (a JSON array of strings, checked by SiteService) outside which the site's devices are
-- not served; empty: any source.
ALTER TABLE tftp.site ADD COLUMN networks jsonb NOT NULL DEFAULT '[]';
