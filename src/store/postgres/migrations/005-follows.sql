-- Follows and mutes per channel (a tombstone when taken back, like saves), and each followed match's alert.

CREATE TABLE follows (
  channel text NOT NULL,
  key text NOT NULL,
  data json NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (channel, key)
);
CREATE INDEX follows_txid ON follows (txid);
CREATE TRIGGER follows_txid BEFORE INSERT OR UPDATE ON follows
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();

CREATE TABLE mutes (
  channel text NOT NULL,
  kind text NOT NULL,
  key text NOT NULL,
  data json NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (channel, kind, key)
);
CREATE INDEX mutes_txid ON mutes (txid);
CREATE TRIGGER mutes_txid BEFORE INSERT OR UPDATE ON mutes
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();

-- One row per channel and paper: inserted pending, switched to posted by the one claim that posts it.
CREATE TABLE alerts (
  channel text NOT NULL,
  paper_id text NOT NULL,
  state text NOT NULL,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (channel, paper_id)
);
CREATE INDEX alerts_txid ON alerts (txid);
CREATE TRIGGER alerts_txid BEFORE INSERT OR UPDATE ON alerts
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
