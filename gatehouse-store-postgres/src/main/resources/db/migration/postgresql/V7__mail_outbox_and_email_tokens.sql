-- Mails waiting to be sent, written in the same transaction as the change they announce. A row holds
-- no text and no secret: a link's token is minted when the mail is sent, and only its hash is kept.
-- Nodes claim rows with FOR UPDATE SKIP LOCKED, so each mail is sent by one node.
CREATE TABLE mail_outbox (
    id              BIGINT   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT     NOT NULL,
    recipient       TEXT     NOT NULL,
    account_id      TEXT,
    created_at      BIGINT   NOT NULL,
    attempts        INTEGER  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT   NOT NULL,
    claimed_until   BIGINT   NOT NULL DEFAULT 0,
    gave_up         SMALLINT NOT NULL DEFAULT 0 CHECK (gave_up IN (0, 1)),
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (gave_up, next_attempt_at);

-- Tokens of mailed links (password reset, address verification, address change): SHA-256 only.
CREATE TABLE email_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    purpose    TEXT   NOT NULL,
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    address    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX email_tokens_by_account ON email_tokens (account_id, purpose);

-- Accounts from before verification existed keep signing in: their addresses count as verified.
ALTER TABLE accounts ADD COLUMN email_verified SMALLINT NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1));
UPDATE accounts SET email_verified = 1;
