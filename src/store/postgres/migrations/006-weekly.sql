-- Each channel's weekly team digest schedule, kept like subscriptions (a tombstone when turned off).
-- Its runs need no table: they are digest runs under the channel's weekly key (see src/digest/weekly-key.ts).

CREATE TABLE weekly_schedules (
  channel text PRIMARY KEY,
  data json NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX weekly_schedules_txid ON weekly_schedules (txid);

CREATE TRIGGER weekly_schedules_txid BEFORE INSERT OR UPDATE ON weekly_schedules
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
