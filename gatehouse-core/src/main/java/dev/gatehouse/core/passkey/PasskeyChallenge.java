package dev.gatehouse.core.passkey;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.Optional;

/**
 * A WebAuthn challenge waiting for its answer (WebAuthn section 13.4.3: random, at least 16 bytes, used
 * once). It is found only by the hash of the token in the browser's cookie, so it is bound to that browser.
 *
 * @param bindingHash SHA-256 of the browser's challenge cookie, hex
 * @param challenge the challenge bytes, unpadded base64url
 * @param accountId the account registering a passkey or answering a second-factor step; empty for a
 *     passwordless sign-in, where the credential says whose it is
 */
public record PasskeyChallenge(
        String bindingHash,
        String challenge,
        Purpose purpose,
        Optional<AccountId> accountId,
        Instant createdAt,
        Instant expiresAt) {

    /** What answering the challenge does. */
    public enum Purpose {
        REGISTER,
        SIGN_IN,
        SECOND_FACTOR
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
