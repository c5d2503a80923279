-- The SIP peers a tenant trusts (its SBCs and PBXs): requests from these source networks get
-- the redirect server's full answer for the tenant's users (302, 404, 480) without a challenge.
-- network is the canonical CIDR text (address masked to its prefix), as the service writes it.
create table peer (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    network     cidr        not null,
    description text,
    created_at  timestamptz not null,
    unique (tenant_id, network)
);
