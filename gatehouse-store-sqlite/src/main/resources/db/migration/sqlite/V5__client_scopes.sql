-- Issue 11: a client may be registered with the scopes its tokens may carry (empty: any scope but the
-- reserved ones), and only resource servers registered for it may check cookie sessions by
-- introspection. Existing resource servers lose cookie checks until re-registered: fail closed.
ALTER TABLE clients ADD COLUMN scopes TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN session_introspection INTEGER NOT NULL DEFAULT 0;

-- When an administrator last forgave the account's failed logins (an unlock), in epoch milliseconds:
-- how a CLI unlock reaches a server whose lock-out counters live in its own memory.
ALTER TABLE accounts ADD COLUMN logins_forgiven_at BIGINT;
