-- Issue 17: passkeys (WebAuthn). Times are milliseconds since the epoch (UTC).

-- Registered passkeys: id is the credential id (unpadded base64url), unique across every account since
-- the authenticator names the credential, not the account. The public key is the COSE_Key as given;
-- sign_count is the last signature counter seen (0 when the authenticator keeps none); backup_eligible
-- and backup_state are the BE and BS flags; transports are space separated.
CREATE TABLE passkeys (
    id              TEXT     NOT NULL PRIMARY KEY,
    account_id      TEXT     NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            TEXT     NOT NULL,
    public_key_cose BYTEA    NOT NULL,
    sign_count      BIGINT   NOT NULL,
    backup_eligible SMALLINT NOT NULL CHECK (backup_eligible IN (0, 1)),
    backup_state    SMALLINT NOT NULL CHECK (backup_state IN (0, 1)),
    transports      TEXT     NOT NULL,
    created_at      BIGINT   NOT NULL,
    last_used_at    BIGINT
);

CREATE INDEX passkeys_by_account ON passkeys (account_id);

-- Challenges waiting for the browser's answer: found only by the hash of the browser's own cookie,
-- taken (deleted) when answered, so each is used once; two minutes long.
CREATE TABLE passkey_challenges (
    binding_hash TEXT   NOT NULL PRIMARY KEY,
    challenge    TEXT   NOT NULL,
    purpose      TEXT   NOT NULL CHECK (purpose IN ('REGISTER', 'SIGN_IN', 'SECOND_FACTOR')),
    account_id   TEXT   REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);
