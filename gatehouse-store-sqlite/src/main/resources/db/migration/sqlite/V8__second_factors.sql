-- Issue 17: second factors. Times are milliseconds since the epoch (UTC).

-- How each session's person proved who they are (RFC 8176 amr values, space separated) and when they last
-- did (the sign-in or a later step-up): access and ID tokens carry them as amr and auth_time. Sessions
-- from before are password sign-ins at their creation.
ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT 'pwd';
ALTER TABLE sessions ADD COLUMN auth_time INTEGER;

-- An account's authenticator app: the secret AES-GCM-sealed under a key derived from the master key; it
-- counts once confirmed by a first code. last_used_step makes each code single use.
CREATE TABLE totp_credentials (
    account_id     TEXT    NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    sealed_secret  TEXT    NOT NULL,
    confirmed_at   INTEGER,
    last_used_step INTEGER    NOT NULL,
    created_at     INTEGER    NOT NULL
);

-- Recovery codes, as keyed hashes only; used_at set once used.
CREATE TABLE recovery_codes (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  TEXT   NOT NULL,
    created_at INTEGER   NOT NULL,
    used_at    INTEGER,
    PRIMARY KEY (account_id, code_hash)
);

-- Sign-ins whose password was right, waiting for the second factor: not sessions, found only by the
-- hash of their own token, a few tries each, minutes long.
CREATE TABLE pending_logins (
    id         TEXT    NOT NULL PRIMARY KEY,
    token_hash TEXT    NOT NULL UNIQUE,
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('BROWSER', 'APP')),
    client_id  TEXT,
    scope      TEXT    NOT NULL,
    created_at INTEGER    NOT NULL,
    expires_at INTEGER    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX pending_logins_by_expiry ON pending_logins (expires_at);
