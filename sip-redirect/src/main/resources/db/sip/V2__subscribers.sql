-- SIP accounts. Only the digest HA1 hashes are kept (RFC 8760: MD5 and SHA-256), never the
-- password; HA1 binds the realm, which is the tenant's SIP domain when the password was set.
create table subscriber (
    id           uuid        primary key,
    tenant_id    uuid        not null,
    username     text        not null,
    display_name text,
    realm        text        not null,
    ha1_md5      text        not null,
    ha1_sha256   text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (tenant_id, username)
);

-- The key every node signs its digest nonces with, so that any node accepts any node's nonce.
create table auth_secret (
    id         integer     primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null
);
