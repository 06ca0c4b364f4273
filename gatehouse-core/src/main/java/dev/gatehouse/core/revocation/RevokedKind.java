package dev.gatehouse.core.revocation;

/** What a feed entry revokes: every token of a session ({@code sid}), or one token ({@code jti}). */
public enum RevokedKind {
    SESSION,
    TOKEN
}
