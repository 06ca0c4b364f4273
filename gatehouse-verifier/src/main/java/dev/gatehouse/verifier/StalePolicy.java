package dev.gatehouse.verifier;

/** What to do with tokens while the revocation feed has been silent for longer than allowed. */
public enum StalePolicy {
    /** Reject every token until the feed is heard from again: revocation is never missed. The default. */
    FAIL_CLOSED,
    /**
     * Keep accepting valid tokens: availability over revocation. A revoked session's tokens may then be
     * accepted until they expire (minutes). Choose only knowingly.
     */
    ACCEPT_WHILE_STALE_UNSAFE
}
