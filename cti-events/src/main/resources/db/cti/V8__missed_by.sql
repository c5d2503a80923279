-- The agents that rang and did not answer a call, once a time (cti.md, "Figures"): an agent's
-- ring-no-answers are counted on its own rows, not on the row of the agent who answered.
ALTER TABLE cti.call ADD COLUMN missed_by text[];
