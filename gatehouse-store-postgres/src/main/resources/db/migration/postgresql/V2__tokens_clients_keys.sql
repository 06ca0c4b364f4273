-- Token logins are sessions too: BROWSER (cookie) or APP (refresh tokens).
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'BROWSER';

CREATE TABLE clients (
    id          TEXT    NOT NULL PRIMARY KEY,
    type        TEXT    NOT NULL CHECK (type IN ('FIRST_PARTY', 'CONFIDENTIAL', 'RESOURCE_SERVER')),
    secret_hash TEXT,
    grants      TEXT    NOT NULL,
    audiences   TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

-- Private keys only encrypted (AES-GCM under a key derived from the master key).
CREATE TABLE signing_keys (
    kid                TEXT    NOT NULL PRIMARY KEY,
    algorithm          TEXT    NOT NULL,
    state              TEXT    NOT NULL CHECK (state IN ('NEXT', 'ACTIVE', 'RETIRED')),
    public_jwk         TEXT    NOT NULL,
    sealed_private_jwk TEXT    NOT NULL,
    created_at         BIGINT  NOT NULL,
    state_changed_at   BIGINT  NOT NULL
);

-- A family dies with its session; its tokens die with the family.
CREATE TABLE refresh_families (
    id                  TEXT    NOT NULL PRIMARY KEY,
    session_id          TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    account_id          TEXT    NOT NULL,
    client_id           TEXT    NOT NULL,
    generation          BIGINT  NOT NULL,
    created_at          BIGINT  NOT NULL,
    rotated_at          BIGINT  NOT NULL,
    absolute_expires_at BIGINT  NOT NULL,
    scope               TEXT    NOT NULL,
    audience            TEXT    NOT NULL
);
CREATE INDEX refresh_families_by_session ON refresh_families (session_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    family_id  TEXT    NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
    generation BIGINT  NOT NULL
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

CREATE TABLE revoked_tokens (
    jti        TEXT    NOT NULL PRIMARY KEY,
    expires_at BIGINT  NOT NULL
);
