package dev.gatehouse.core.token;

import java.time.Instant;

/** Told about each access token revoked by its id, for the revocation feed. */
@FunctionalInterface
public interface TokenRevocationListener {
    TokenRevocationListener NONE = (jti, expiresAt) -> {};

    void tokenRevoked(String jwtId, Instant expiresAt);
}
