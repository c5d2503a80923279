-- Each tenant's caller-name settings; a null column means the node's default.
CREATE TABLE cnam.tenant_settings (
    tenant_id       uuid PRIMARY KEY,
    default_region  text CHECK (default_region ~ '^[A-Z0-9]{2,3}$'),
    name_length     integer CHECK (name_length BETWEEN 1 AND 255),
    providers       text[] CHECK (cardinality(providers) <= 10),
    updated_at      timestamptz NOT NULL
);
