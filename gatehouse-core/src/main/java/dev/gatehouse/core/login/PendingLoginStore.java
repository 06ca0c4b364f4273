package dev.gatehouse.core.login;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Optional;

/** Where sign-ins waiting for a second factor live. Adapters pass {@code PendingLoginStoreContract}. */
public interface PendingLoginStore {

    void insert(PendingLogin login);

    Optional<PendingLogin> findByTokenHash(TokenHash tokenHash);

    /** Counts one more code tried, if fewer than {@code max} were; false when the attempts are used up. */
    boolean countAttempt(String id, int max);

    /** Deletes the pending login; false when it was gone already (so only one completion wins). */
    boolean delete(String id);

    /** Deletes every pending login of the account (its password changed); returns how many. */
    int deleteByAccount(AccountId account);

    /** Deletes pending logins past their expiry; returns how many. */
    int deleteExpired(Instant now);
}
