-- The directories of callers' names: each tenant's own, and the platform's (every tenant's
-- lookups see it after their own). Numbers are E.164, compared byte by byte (COLLATE "C") so that
-- the keyset pages of the API walk the primary key's index in its order.
CREATE TABLE cnam.tenant_entry (
    tenant_id   uuid NOT NULL,
    number      text COLLATE "C" NOT NULL CHECK (number ~ '^\+[1-9][0-9]{1,14}$'),
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, number)
);

CREATE TABLE cnam.platform_entry (
    number      text COLLATE "C" PRIMARY KEY CHECK (number ~ '^\+[1-9][0-9]{1,14}$'),
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    updated_at  timestamptz NOT NULL
);
