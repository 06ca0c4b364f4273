package dev.gatehouse.verifier;

import java.time.Instant;

/** The account behind a live Gatehouse session cookie, as introspection reported it. */
public record SessionPrincipal(String subject, String sessionId, Instant expiresAt) {}
