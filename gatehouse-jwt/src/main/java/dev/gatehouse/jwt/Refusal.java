package dev.gatehouse.jwt;

/** Why the access-token rules refused a token, coarse enough for metrics and logs. */
public enum Refusal {
    /** Not a compact JWS of canonical base64url within the size and nesting limits, or bad JSON. */
    MALFORMED,
    /** A header the rules do not allow: members Gatehouse never writes, wrong {@code typ}, wrong {@code alg}. */
    HEADER,
    /** No key with that {@code kid}. */
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    /** Wrong issuer or audience, or a required claim missing or mistyped. */
    CLAIMS,
    EXPIRED,
    NOT_YET_VALID
}
