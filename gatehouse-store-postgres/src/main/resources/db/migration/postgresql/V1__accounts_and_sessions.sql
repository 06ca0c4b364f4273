-- Times are milliseconds since the epoch (UTC), as in the SQLite schema, so both run the same SQL.
-- Only hashes of secrets are stored.
CREATE TABLE accounts (
    id            TEXT     NOT NULL PRIMARY KEY,
    email         TEXT     NOT NULL UNIQUE,
    password_hash TEXT     NOT NULL,
    role          TEXT     NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    locked        SMALLINT NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    created_at    BIGINT   NOT NULL
);

CREATE TABLE sessions (
    id                  TEXT   NOT NULL PRIMARY KEY,
    account_id          TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash          TEXT   NOT NULL UNIQUE,
    created_at          BIGINT NOT NULL,
    last_seen_at        BIGINT NOT NULL,
    absolute_expires_at BIGINT NOT NULL,
    ip_address          TEXT   NOT NULL,
    user_agent          TEXT   NOT NULL
);

CREATE INDEX sessions_by_account ON sessions (account_id, created_at);
CREATE INDEX sessions_by_expiry ON sessions (absolute_expires_at);
