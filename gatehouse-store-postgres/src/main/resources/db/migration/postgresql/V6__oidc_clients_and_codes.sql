-- Issue 15, OpenID Connect: two client types that sign users in through the browser (WEB keeps a
-- secret, PUBLIC cannot), their registered redirect URIs (matched exactly, RFC 9700 section 2.1) and
-- whether they skip consent.
ALTER TABLE clients DROP CONSTRAINT clients_type_check;
ALTER TABLE clients ADD CONSTRAINT clients_type_check
    CHECK (type IN ('FIRST_PARTY', 'CONFIDENTIAL', 'RESOURCE_SERVER', 'WEB', 'PUBLIC'));
ALTER TABLE clients ADD COLUMN redirect_uris TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN backchannel_logout_uri TEXT;
ALTER TABLE clients ADD COLUMN skip_consent SMALLINT NOT NULL DEFAULT 0 CHECK (skip_consent IN (0, 1));

-- Authorization codes: only the SHA-256 of each, single use (used_at), bound to the browser session
-- that authorized it (they die with it).
CREATE TABLE authorization_codes (
    code_hash      TEXT   NOT NULL PRIMARY KEY,
    client_id      TEXT   NOT NULL,
    redirect_uri   TEXT   NOT NULL,
    code_challenge TEXT   NOT NULL,
    nonce          TEXT,
    session_id     TEXT   NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    account_id     TEXT   NOT NULL,
    scope          TEXT   NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    used_at        BIGINT
);
CREATE INDEX authorization_codes_by_expiry ON authorization_codes (expires_at);
CREATE INDEX authorization_codes_by_session ON authorization_codes (session_id);

-- What an account agreed a client may have: remembered per account, client and scopes.
CREATE TABLE consents (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_id  TEXT   NOT NULL,
    scope      TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, client_id)
);

-- OpenID Connect Back-Channel Logout 1.0: which clients with a back-channel URI received tokens for
-- which browser session (they die with it, after being read when it ends) ...
CREATE TABLE session_clients (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (session_id, client_id)
);

-- ... and the durable outbox of logout tokens still to deliver: written with the session's end, deleted
-- once delivered, retried with backoff, so a node that dies before sending loses nothing.
CREATE TABLE backchannel_logouts (
    id              TEXT    NOT NULL PRIMARY KEY,
    client_id       TEXT    NOT NULL,
    uri             TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    session_id      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    last_error      TEXT
);
CREATE INDEX backchannel_logouts_due ON backchannel_logouts (next_attempt_at);
