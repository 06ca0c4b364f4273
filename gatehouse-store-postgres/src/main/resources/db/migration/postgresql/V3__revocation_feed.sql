-- The revocation feed. Appends take an advisory lock (see SqlDialect), so cursor order is commit
-- order; an identity never hands out a cursor twice.
CREATE TABLE revocations (
    cursor     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       TEXT   NOT NULL CHECK (kind IN ('SESSION', 'TOKEN')),
    subject    TEXT   NOT NULL,
    revoked_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX revocations_by_expiry ON revocations (expires_at);
