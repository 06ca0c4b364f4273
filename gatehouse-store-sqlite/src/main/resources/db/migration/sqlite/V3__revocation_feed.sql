-- The revocation feed: cursor order is insertion order; AUTOINCREMENT never reuses a cursor.
CREATE TABLE revocations (
    cursor     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL CHECK (kind IN ('SESSION', 'TOKEN')),
    subject    TEXT    NOT NULL,
    revoked_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX revocations_by_expiry ON revocations (expires_at);
