package dev.gatehouse.core.email;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;

/**
 * A link's token as stored: its hash only.
 *
 * @param address where the link was sent (for an address change, the new address)
 */
public record EmailToken(
        TokenHash hash,
        EmailTokenPurpose purpose,
        AccountId account,
        EmailAddress address,
        Instant createdAt,
        Instant expiresAt) {

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
