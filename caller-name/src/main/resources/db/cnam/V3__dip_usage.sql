-- Dips to upstream providers, by the tenant whose lookup caused them, provider and day (UTC);
-- each node adds its counts every voxhost.cnam.usage-flush-interval.
CREATE TABLE cnam.dip_usage (
    tenant_id  uuid NOT NULL,
    day        date NOT NULL,
    provider   text NOT NULL,
    dips       bigint NOT NULL CHECK (dips >= 0),
    PRIMARY KEY (tenant_id, day, provider)
);

CREATE INDEX dip_usage_day ON cnam.dip_usage (day);
