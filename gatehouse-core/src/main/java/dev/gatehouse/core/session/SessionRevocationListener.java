package dev.gatehouse.core.session;

/**
 * Told about each session before it is revoked, so the revocation feed can carry it to every
 * verifier. Called first: if the process dies before the delete, the session is revoked in the feed
 * but still usable at Gatehouse until the user logs out again — the safe way round.
 */
@FunctionalInterface
public interface SessionRevocationListener {
    SessionRevocationListener NONE = id -> {};

    void sessionRevoked(SessionId id);
}
