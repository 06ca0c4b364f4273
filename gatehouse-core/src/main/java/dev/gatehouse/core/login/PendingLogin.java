package dev.gatehouse.core.login;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Optional;

/**
 * A sign-in whose password was right, waiting for the second factor. It is not a session: it grants
 * nothing but the chance to show a code, {@link PendingLogins#MAX_ATTEMPTS} times, until {@code expiresAt}.
 *
 * @param kind the session it will become: a browser's cookie session or an app's token session
 * @param clientId for an app, the client that asked; the completion must come from the same one
 * @param scope for an app, the scope already granted at the password step
 * @param attempts codes tried so far
 */
public record PendingLogin(
        String id,
        TokenHash tokenHash,
        AccountId accountId,
        SessionKind kind,
        Optional<String> clientId,
        String scope,
        Instant createdAt,
        Instant expiresAt,
        int attempts) {}
