package dev.gatehouse.core.token;

import dev.gatehouse.jwt.AccessTokenClaims;

/** A freshly signed access token and its claims. */
public record IssuedAccessToken(String value, AccessTokenClaims claims) {
    @Override
    public String toString() {
        return "IssuedAccessToken[jti=" + claims.jwtId() + "]";
    }
}
