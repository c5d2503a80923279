-- Business figures (cti.md, "Figures"): additive counters per tenant, 15-minute bucket of the call's
-- start, queue ('' for all calls) and agent ('' for all agents). The call builder adds, in the
-- transaction that saves a call, the difference between what the call's new and old records count,
-- so a bucket is never counted again from its calls. Hours, days and months are sums of buckets.
CREATE TABLE cti.kpi (
    tenant_id        uuid NOT NULL,
    bucket           timestamptz NOT NULL,
    queue            text NOT NULL,
    agent            text NOT NULL,
    offered          bigint NOT NULL,
    answered         bigint NOT NULL,
    answered_in_sl   bigint NOT NULL,
    abandoned        bigint NOT NULL,
    abandoned_in_sl  bigint NOT NULL,
    short_abandoned  bigint NOT NULL,
    transferred      bigint NOT NULL,
    wait_ms          bigint NOT NULL,
    talk_ms          bigint NOT NULL,
    ring_no_answers  bigint NOT NULL,
    PRIMARY KEY (tenant_id, queue, agent, bucket)
);
