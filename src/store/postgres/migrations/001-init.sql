-- paperbot's tables on PostgreSQL: the corpus and the workspace state, shared by every bot replica.
--
-- Every row carries `txid`, the id of the transaction that wrote it last (set by a trigger). A
-- replica's cache follows other replicas by fetching the rows whose txid is at least the oldest
-- transaction still running when it last looked (pg_snapshot_xmin), so no commit is ever skipped,
-- whatever order transactions commit in. Deletions that others must see are tombstones (`removed`).
-- Records are kept as `json`, not `jsonb`, so a paper reads back with its keys in the order they were
-- written: the corpus tells an unchanged paper from an updated one by comparing serializations.

CREATE FUNCTION paperbot_stamp_txid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.txid := pg_current_xact_id();
  RETURN NEW;
END
$$;

CREATE TABLE papers (
  id text PRIMARY KEY,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE saves (
  workspace text NOT NULL,
  user_id text NOT NULL,
  paper_id text NOT NULL,
  saved_at text NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (workspace, user_id, paper_id)
);

CREATE TABLE subscriptions (
  channel text PRIMARY KEY,
  data json NOT NULL,
  removed boolean NOT NULL DEFAULT false,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE posts (
  ref_key text PRIMARY KEY,
  channel text NOT NULL,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

-- One row per (channel, local day), created by the replica that claims it: the row is the claim.
CREATE TABLE digest_runs (
  channel text NOT NULL,
  day text NOT NULL,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (channel, day)
);

CREATE TABLE source_statuses (
  name text PRIMARY KEY,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX papers_txid ON papers (txid);
CREATE INDEX saves_txid ON saves (txid);
CREATE INDEX subscriptions_txid ON subscriptions (txid);
CREATE INDEX posts_txid ON posts (txid);
CREATE INDEX digest_runs_txid ON digest_runs (txid);
CREATE INDEX source_statuses_txid ON source_statuses (txid);

CREATE TRIGGER papers_txid BEFORE INSERT OR UPDATE ON papers
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
CREATE TRIGGER saves_txid BEFORE INSERT OR UPDATE ON saves
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
CREATE TRIGGER subscriptions_txid BEFORE INSERT OR UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
CREATE TRIGGER posts_txid BEFORE INSERT OR UPDATE ON posts
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
CREATE TRIGGER digest_runs_txid BEFORE INSERT OR UPDATE ON digest_runs
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
CREATE TRIGGER source_statuses_txid BEFORE INSERT OR UPDATE ON source_statuses
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
