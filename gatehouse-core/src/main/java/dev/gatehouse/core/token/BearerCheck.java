package dev.gatehouse.core.token;

import dev.gatehouse.jwt.AccessTokenClaims;

/** The verdict on a presented access token. */
public sealed interface BearerCheck {

    record Valid(AccessTokenClaims claims) implements BearerCheck {}

    /** The reason is for logs; every rejection looks the same to the client (RFC 6750 invalid_token). */
    record Rejected(String reason) implements BearerCheck {}
}
