package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionPolicy;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of responses. Field names become snake_case on the wire. */
final class Views {
    private Views() {}

    record AccountView(String id, String email, boolean emailVerified, String role, boolean locked, String createdAt) {
        static AccountView of(Account account) {
            return new AccountView(
                    account.id().value(),
                    account.email().value(),
                    account.emailVerified(),
                    account.role().name().toLowerCase(Locale.ROOT),
                    account.locked(),
                    account.createdAt().toString());
        }
    }

    record SessionView(
            String id,
            boolean current,
            String createdAt,
            String lastSeenAt,
            String expiresAt,
            String ip,
            String userAgent,
            String device) {
        static SessionView of(Session session, SessionPolicy policy, boolean current) {
            return new SessionView(
                    session.id().value(),
                    current,
                    session.createdAt().toString(),
                    session.lastSeenAt().toString(),
                    session.expiresAt(policy).toString(),
                    session.client().ipAddress(),
                    session.client().userAgent(),
                    DeviceName.describe(session.client().userAgent()));
        }
    }

    /** The login response and "who am I": the session, its account and its CSRF token. */
    record CurrentSession(SessionView session, AccountView account, String csrfToken) {}

    record SessionList(List<SessionView> sessions) {}

    record Revoked(int revokedSessions) {}

    record Accepted(String status, String detail) {}

    record PasswordReset(String status, int sessionsEnded) {}

    record Health(String status, java.util.Map<String, String> checks) {}
}
