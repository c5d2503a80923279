-- Tenants: one business each. The slug names it in URLs, the SIP domain in SIP requests.
create table tenant (
    id          uuid primary key,
    slug        varchar(63)  not null,
    name        varchar(200) not null,
    sip_domain  varchar(253) not null,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    constraint tenant_slug_key unique (slug),
    constraint tenant_sip_domain_key unique (sip_domain),
    constraint tenant_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    constraint tenant_sip_domain_lower check (sip_domain = lower(sip_domain))
);

-- API keys: only a SHA-256 of the secret is kept; the prefix finds the row.
-- A key without a tenant is an admin key.
create table api_key (
    id            uuid primary key,
    tenant_id     uuid references tenant (id) on delete cascade,
    prefix        varchar(16)  not null,
    secret_hash   bytea        not null,
    label         varchar(100) not null,
    created_at    timestamptz  not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    constraint api_key_prefix_key unique (prefix),
    constraint api_key_hash_length check (octet_length(secret_hash) = 32)
);

create index api_key_tenant_idx on api_key (tenant_id, created_at);
