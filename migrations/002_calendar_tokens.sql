-- Calendar feed tokens issued by `calendar` (only their sha-256 is kept), one row per token, keyed by the hash.
CREATE TABLE calendar_tokens (key text PRIMARY KEY, ord bigint NOT NULL, rev bigint NOT NULL, body json NOT NULL);
