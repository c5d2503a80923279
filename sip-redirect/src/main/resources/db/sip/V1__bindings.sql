-- Registered contacts (RFC 3261 section 10). The SIP role keeps an in-memory index of the live
-- rows; this table is the system of record that survives restarts and is shared between nodes.
create table binding (
    tenant_id    uuid        not null,
    aor_user     text        not null,
    aor_domain   text        not null,
    contact_key  text        not null,
    contact_uri  text        not null,
    q_millis     integer     not null check (q_millis between 0 and 1000),
    expires_at   timestamptz not null,
    call_id      text        not null,
    cseq         bigint      not null,
    user_agent   text,
    path         text        not null default '',
    instance_id  text,
    reg_id       integer,
    source       text        not null,
    transport    text        not null,
    updated_at   timestamptz not null,
    primary key (tenant_id, aor_user, contact_key)
);

create index binding_expires_at on binding (expires_at);
