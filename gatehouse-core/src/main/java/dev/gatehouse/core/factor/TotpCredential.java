package dev.gatehouse.core.factor;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * An account's authenticator app.
 *
 * @param sealedSecret the shared secret, AES-GCM-sealed under a key derived from the master key
 * @param confirmedAt empty until the first code proved the app holds the secret: until then it does not
 *     count as a factor
 * @param lastUsedStep the last time step whose code was accepted; a code of that step or an earlier one
 *     is refused, so an observed code cannot be replayed (RFC 6238 section 5.2)
 */
public record TotpCredential(
        AccountId accountId, String sealedSecret, Optional<Instant> confirmedAt, long lastUsedStep, Instant createdAt) {

    public boolean confirmed() {
        return confirmedAt.isPresent();
    }
}
