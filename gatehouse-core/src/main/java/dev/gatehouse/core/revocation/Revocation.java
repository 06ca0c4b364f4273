package dev.gatehouse.core.revocation;

import java.time.Instant;

/**
 * One entry of the revocation feed.
 *
 * @param cursor increases with every entry; a verifier resumes after the last one it saw
 * @param id the {@code sid} or {@code jti} revoked
 * @param expiresAt when every token it covers has expired anyway, and the entry may be forgotten
 */
public record Revocation(long cursor, RevokedKind kind, String id, Instant revokedAt, Instant expiresAt) {}
