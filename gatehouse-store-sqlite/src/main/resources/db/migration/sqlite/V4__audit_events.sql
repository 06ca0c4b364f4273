-- The audit trail: no secrets, only ids, reasons and addresses; kept for the configured retention.
CREATE TABLE audit_events (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    account_id TEXT,
    actor      TEXT    NOT NULL,
    ip_address TEXT,
    details    TEXT    NOT NULL
);
CREATE INDEX audit_events_by_account ON audit_events (account_id, id);
CREATE INDEX audit_events_by_time ON audit_events (at);
