package dev.gatehouse.core.token;

import java.time.Instant;

/** Access-token ids revoked before they expire, kept until they would have expired anyway. */
public interface RevokedTokenStore {

    void revoke(String jwtId, Instant expiresAt);

    boolean isRevoked(String jwtId);

    /** Forgets revocations of tokens that have expired by {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
