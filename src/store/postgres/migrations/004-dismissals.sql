-- "Not for us": a person's dismissal of a paper in a workspace, kept like saves (a tombstone when taken back).

CREATE TABLE dismissals (
  workspace text NOT NULL,
  user_id text NOT NULL,
  paper_id text NOT NULL,
  dismissed_at text NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (workspace, user_id, paper_id)
);

CREATE INDEX dismissals_txid ON dismissals (txid);

CREATE TRIGGER dismissals_txid BEFORE INSERT OR UPDATE ON dismissals
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
