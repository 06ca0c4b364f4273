package dev.gatehouse.core.session;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;

/**
 * One login: a browser's cookie session or, later, an app's token session.
 *
 * @param lastSeenAt updated at most once per {@link SessionPolicy#lastSeenWriteInterval()}
 * @param absoluteExpiresAt the session ends then however active it is
 */
public record Session(
        SessionId id,
        AccountId accountId,
        TokenHash tokenHash,
        Instant createdAt,
        Instant lastSeenAt,
        Instant absoluteExpiresAt,
        ClientDetails client,
        SessionKind kind) {

    /** When the session ends if it is not used again: the idle or the absolute limit, whichever first. */
    public Instant expiresAt(SessionPolicy policy) {
        Instant idleEnd = lastSeenAt.plus(policy.idleTimeout());
        return idleEnd.isBefore(absoluteExpiresAt) ? idleEnd : absoluteExpiresAt;
    }

    public boolean isExpired(Instant now, SessionPolicy policy) {
        return !now.isBefore(expiresAt(policy));
    }

    public Session withLastSeenAt(Instant instant) {
        return new Session(id, accountId, tokenHash, createdAt, instant, absoluteExpiresAt, client, kind);
    }
}
