package dev.gatehouse.core.oidc;

import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Optional;

/** Authorization codes by hash. Adapters pass {@code AuthorizationCodeStoreContract}. */
public interface AuthorizationCodeStore {

    void insert(AuthorizationCode code);

    /**
     * Marks the code used at {@code at} and returns it, atomically: of two concurrent takes only one
     * gets the code. Empty when there is no such code or it was already taken.
     */
    Optional<AuthorizationCode> take(TokenHash hash, Instant at);

    /** The code, used or not: how a second use is told from an unknown code. */
    Optional<AuthorizationCode> find(TokenHash hash);

    /** Deletes codes that expired before {@code before}; returns how many. */
    int deleteExpired(Instant before);
}
