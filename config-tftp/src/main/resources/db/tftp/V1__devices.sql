-- Provisioning: free variables per tenant and per site, the device registry, and the fetch audit.

CREATE TABLE tftp.tenant_settings (
    tenant_id   uuid PRIMARY KEY,
    variables   jsonb NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL
);

CREATE TABLE tftp.site (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL,
    name        text NOT NULL,
    variables   jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (tenant_id, name)
);

-- A MAC belongs to one tenant: a phone asks for its file by MAC alone.
CREATE TABLE tftp.device (
    mac                   text PRIMARY KEY CHECK (mac ~ '^[0-9a-f]{12}$'),
    tenant_id             uuid NOT NULL,
    vendor                text NOT NULL
                          CHECK (vendor IN ('cisco', 'polycom', 'yealink', 'grandstream', 'snom')),
    model                 text NOT NULL,
    site_id               uuid REFERENCES tftp.site (id) ON DELETE SET NULL,
    time_zone             text,
    language              text,
    lines                 jsonb NOT NULL DEFAULT '[]',
    variables             jsonb NOT NULL DEFAULT '{}',
    http_user             text,
    http_password_hash    text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    last_fetch_at         timestamptz,
    last_fetch_file       text,
    last_fetch_source     text,
    last_fetch_transport  text
);

CREATE INDEX device_tenant ON tftp.device (tenant_id, mac);
CREATE INDEX device_site ON tftp.device (site_id);
CREATE INDEX device_updated ON tftp.device (updated_at);

CREATE TABLE tftp.fetch (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid,
    mac         text,
    file_name   text NOT NULL,
    source      text NOT NULL,
    transport   text NOT NULL CHECK (transport IN ('tftp', 'http')),
    bytes       bigint NOT NULL,
    outcome     text NOT NULL,
    fetched_at  timestamptz NOT NULL
);

CREATE INDEX fetch_tenant_time ON tftp.fetch (tenant_id, fetched_at DESC, id DESC);
CREATE INDEX fetch_mac_time ON tftp.fetch (mac, fetched_at DESC) WHERE mac IS NOT NULL;
