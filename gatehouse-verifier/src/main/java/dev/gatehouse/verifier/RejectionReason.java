package dev.gatehouse.verifier;

/** Why a token was rejected: for logs and metrics, never for the client (which gets a plain 401). */
public enum RejectionReason {
    MALFORMED,
    HEADER,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    CLAIMS,
    EXPIRED,
    NOT_YET_VALID,
    /** The session ({@code sid}) or the token ({@code jti}) is in the revocation feed. */
    REVOKED,
    /** The revocation feed has not been heard from for longer than allowed: failing closed. */
    FEED_STALE,
    /** The signing keys could not be fetched. */
    KEYS_UNAVAILABLE
}
