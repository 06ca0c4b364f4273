package dev.gatehouse.core.oidc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.jwt.Scopes;
import java.time.Instant;

/** What an account agreed a client may have: the scopes, space-separated. */
public record Consent(AccountId accountId, ClientId clientId, String scope, Instant grantedAt) {

    /** Whether this consent already covers every scope of {@code requested}. */
    public boolean covers(String requested) {
        return Scopes.split(scope).containsAll(Scopes.split(requested));
    }
}
