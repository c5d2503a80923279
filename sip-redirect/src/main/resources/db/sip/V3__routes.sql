-- A tenant's dial plan: ordered rules tried before the location lookup. The first rule whose
-- pattern matches the called user part (normalised to E.164 first when the rule asks) redirects
-- to its target, with $1..$9 replaced by the pattern's groups.
create table route (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    position    integer     not null check (position >= 1),
    pattern     text        not null,
    target      text        not null,
    normalize   text        check (normalize in ('e164')),
    region      text,
    description text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (tenant_id, position) deferrable initially deferred
);
