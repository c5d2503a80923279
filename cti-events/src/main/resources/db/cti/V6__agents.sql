-- Agents' time (cti.md, "Agents"): when each agent was logged in to a queue and when it was paused,
-- from its login, logoff, pause and unpause events, for occupancy.

-- Agents whose events came: marked in the statement that inserts them, claimed by the builder.
CREATE TABLE cti.agent_dirty (
    mark      bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL,
    agent     text NOT NULL,
    at        timestamptz NOT NULL
);

-- An agent's events, read when its time is replayed.
CREATE INDEX event_by_agent ON cti.event (tenant_id, agent, at)
    WHERE type IN ('agent-login', 'agent-logoff', 'agent-pause', 'agent-unpause');

-- The state after each of an agent's events: where a replay starts from.
CREATE TABLE cti.agent_change (
    tenant_id uuid NOT NULL,
    agent     text NOT NULL,
    at        timestamptz NOT NULL,
    seq       integer NOT NULL,
    queues    text[] NOT NULL,
    paused    boolean NOT NULL,
    PRIMARY KEY (tenant_id, agent, at, seq)
);

-- Staffed and paused milliseconds per 15-minute bucket, up to each agent's last event; from then on
-- its last change says (cti.agent_change), counted up to now when asked.
CREATE TABLE cti.agent_time (
    tenant_id  uuid NOT NULL,
    agent      text NOT NULL,
    bucket     timestamptz NOT NULL,
    staffed_ms bigint NOT NULL,
    paused_ms  bigint NOT NULL,
    PRIMARY KEY (tenant_id, agent, bucket)
);

-- The same by the hour, as cti.kpi_hour is to cti.kpi.
CREATE TABLE cti.agent_time_hour (LIKE cti.agent_time INCLUDING ALL);

-- Each agent's latest change (the last row of cti.agent_change): where it stands now.
CREATE TABLE cti.agent_now (
    tenant_id uuid NOT NULL,
    agent     text NOT NULL,
    at        timestamptz NOT NULL,
    queues    text[] NOT NULL,
    paused    boolean NOT NULL,
    PRIMARY KEY (tenant_id, agent)
);
