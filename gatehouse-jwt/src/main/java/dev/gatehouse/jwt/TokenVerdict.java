package dev.gatehouse.jwt;

/** The verdict of the access-token rules on one token. */
public sealed interface TokenVerdict {

    record Accepted(AccessTokenClaims claims) implements TokenVerdict {}

    /** The reason is for logs; clients only ever learn "invalid token". */
    record Refused(Refusal kind, String reason) implements TokenVerdict {}
}
