-- Issue 15, OpenID Connect: two client types that sign users in through the browser (WEB keeps a
-- secret, PUBLIC cannot), their registered redirect URIs (matched exactly, RFC 9700 section 2.1) and
-- whether they skip consent. SQLite cannot widen a CHECK in place: the table is rebuilt.
CREATE TABLE clients_v6 (
    id                        TEXT    NOT NULL PRIMARY KEY,
    type                      TEXT    NOT NULL
        CHECK (type IN ('FIRST_PARTY', 'CONFIDENTIAL', 'RESOURCE_SERVER', 'WEB', 'PUBLIC')),
    secret_hash               TEXT,
    grants                    TEXT    NOT NULL,
    audiences                 TEXT    NOT NULL,
    created_at                INTEGER NOT NULL,
    scopes                    TEXT    NOT NULL DEFAULT '',
    session_introspection     INTEGER NOT NULL DEFAULT 0,
    redirect_uris             TEXT    NOT NULL DEFAULT '',
    post_logout_redirect_uris TEXT    NOT NULL DEFAULT '',
    backchannel_logout_uri    TEXT,
    skip_consent              INTEGER NOT NULL DEFAULT 0 CHECK (skip_consent IN (0, 1))
);
INSERT INTO clients_v6 (id, type, secret_hash, grants, audiences, created_at, scopes, session_introspection)
    SELECT id, type, secret_hash, grants, audiences, created_at, scopes, session_introspection FROM clients;
DROP TABLE clients;
ALTER TABLE clients_v6 RENAME TO clients;

-- Authorization codes: only the SHA-256 of each, single use (used_at), bound to the browser session
-- that authorized it (they die with it).
CREATE TABLE authorization_codes (
    code_hash      TEXT    NOT NULL PRIMARY KEY,
    client_id      TEXT    NOT NULL,
    redirect_uri   TEXT    NOT NULL,
    code_challenge TEXT    NOT NULL,
    nonce          TEXT,
    session_id     TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    account_id     TEXT    NOT NULL,
    scope          TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER
);
CREATE INDEX authorization_codes_by_expiry ON authorization_codes (expires_at);
CREATE INDEX authorization_codes_by_session ON authorization_codes (session_id);

-- What an account agreed a client may have: remembered per account, client and scopes.
CREATE TABLE consents (
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_id  TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
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
    next_attempt_at INTEGER  NOT NULL,
    created_at      INTEGER  NOT NULL,
    last_error      TEXT
);
CREATE INDEX backchannel_logouts_due ON backchannel_logouts (next_attempt_at);
