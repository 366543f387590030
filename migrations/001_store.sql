-- The Trade Brief store: one row per item, audit entry, subscription, ledger entry and watched source.
-- Every collection keeps its order (ord) and the store revision that last wrote the row (rev), so a replica
-- reloads only what changed. Bodies are the JSON of the store document's elements, validated when read.

CREATE TABLE store_meta (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- Increases with every committed change; NOTIFY trade_brief_store carries it to every replica.
  revision bigint NOT NULL,
  scheduler json NOT NULL,
  seed json
);

CREATE TABLE events (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
CREATE TABLE measures (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
CREATE TABLE archive (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
CREATE TABLE audit (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
CREATE TABLE subscriptions (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
CREATE TABLE watcher_sources (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
CREATE TABLE proposals (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);

-- The delivery ledger: a post is claimed by inserting its key, or by taking over a pending row whose lease
-- (next_attempt_at) has run out, so replicas on one database each win distinct posts.
CREATE TABLE ledger (
  key text PRIMARY KEY,
  ord bigint NOT NULL,
  rev bigint NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'sent', 'missed', 'failed')),
  next_attempt_at timestamptz,
  body json NOT NULL
);
CREATE INDEX ledger_pending ON ledger (next_attempt_at) WHERE state = 'pending';
