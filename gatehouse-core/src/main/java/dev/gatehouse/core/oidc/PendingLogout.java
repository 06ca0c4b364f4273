package dev.gatehouse.core.oidc;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.session.SessionId;
import java.time.Instant;
import java.util.Optional;

/**
 * A back-channel logout still to deliver: to whom, about which user and session, and when to try next.
 * The logout token is signed at each attempt, so a retry an hour later is not sent an expired one.
 */
public record PendingLogout(
        String id,
        ClientId clientId,
        String uri,
        String subject,
        SessionId sessionId,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Optional<String> lastError) {}
