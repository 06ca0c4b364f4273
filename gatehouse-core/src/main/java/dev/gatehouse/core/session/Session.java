package dev.gatehouse.core.session;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.Set;

/**
 * One login: a browser's cookie session or, later, an app's token session.
 *
 * @param lastSeenAt updated at most once per {@link SessionPolicy#lastSeenWriteInterval()}
 * @param absoluteExpiresAt the session ends then however active it is
 * @param amr how the person proved who they are at {@code authTime} (RFC 8176 values): what tokens of the
 *     session carry as {@code amr}
 * @param authTime when they last did: the sign-in, or a later re-authentication (step-up); tokens carry it as
 *     {@code auth_time}
 */
public record Session(
        SessionId id,
        AccountId accountId,
        TokenHash tokenHash,
        Instant createdAt,
        Instant lastSeenAt,
        Instant absoluteExpiresAt,
        ClientDetails client,
        SessionKind kind,
        Set<AuthenticationMethod> amr,
        Instant authTime) {

    public Session {
        amr = Set.copyOf(amr);
    }

    /** A session signed in with a password alone, at its creation. */
    public Session(
            SessionId id,
            AccountId accountId,
            TokenHash tokenHash,
            Instant createdAt,
            Instant lastSeenAt,
            Instant absoluteExpiresAt,
            ClientDetails client,
            SessionKind kind) {
        this(
                id,
                accountId,
                tokenHash,
                createdAt,
                lastSeenAt,
                absoluteExpiresAt,
                client,
                kind,
                AuthenticationMethod.PASSWORD,
                createdAt);
    }

    /** When the session ends if it is not used again: the idle or the absolute limit, whichever first. */
    public Instant expiresAt(SessionPolicy policy) {
        Instant idleEnd = lastSeenAt.plus(policy.idleTimeout());
        return idleEnd.isBefore(absoluteExpiresAt) ? idleEnd : absoluteExpiresAt;
    }

    public boolean isExpired(Instant now, SessionPolicy policy) {
        return !now.isBefore(expiresAt(policy));
    }

    public Session withLastSeenAt(Instant instant) {
        return new Session(
                id, accountId, tokenHash, createdAt, instant, absoluteExpiresAt, client, kind, amr, authTime);
    }

    public Session withAuthentication(Set<AuthenticationMethod> methods, Instant at) {
        return new Session(
                id, accountId, tokenHash, createdAt, lastSeenAt, absoluteExpiresAt, client, kind, methods, at);
    }

    /** Whether the person showed more than one factor at {@link #authTime}. */
    public boolean multiFactor() {
        return amr.contains(AuthenticationMethod.MFA);
    }
}
