-- The optional language model's state: each channel's TL;DR language, and the TL;DRs generated once per paper and language.

CREATE TABLE channel_settings (
  channel text PRIMARY KEY,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE model_tldrs (
  paper_id text NOT NULL,
  language text NOT NULL,
  data json NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (paper_id, language)
);

CREATE INDEX channel_settings_txid ON channel_settings (txid);
CREATE INDEX model_tldrs_txid ON model_tldrs (txid);

CREATE TRIGGER channel_settings_txid BEFORE INSERT OR UPDATE ON channel_settings
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
CREATE TRIGGER model_tldrs_txid BEFORE INSERT OR UPDATE ON model_tldrs
  FOR EACH ROW EXECUTE FUNCTION paperbot_stamp_txid();
