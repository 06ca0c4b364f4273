package dev.gatehouse.core.refresh;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.session.SessionId;
import java.time.Instant;
import java.util.List;

/**
 * The chain of refresh tokens of one token login. Only the newest ({@code generation}) is usable;
 * the one before it, briefly, gets the same successor again; any older one is theft.
 */
public record RefreshFamily(
        String id,
        SessionId sessionId,
        AccountId accountId,
        ClientId clientId,
        int generation,
        Instant createdAt,
        Instant rotatedAt,
        Instant absoluteExpiresAt,
        String scope,
        List<String> audience) {

    public RefreshFamily {
        audience = List.copyOf(audience);
    }
}
