-- A refresh changes expires_at, so with an index on it every REGISTER was a non-HOT update: a
-- new tuple plus an entry in each index. Without it, and with room left on each page, a refresh
-- is a HOT update that touches no index. The purge (once a minute) scans the table instead,
-- which at 100,000 rows costs a few milliseconds.
drop index binding_expires_at;
alter table binding set (fillfactor = 70);
