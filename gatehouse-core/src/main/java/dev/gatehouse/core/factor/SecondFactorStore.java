package dev.gatehouse.core.factor;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where second factors live. Adapters pass {@code SecondFactorStoreContract}. */
public interface SecondFactorStore {

    Optional<TotpCredential> findTotp(AccountId accountId);

    /** Stores an unconfirmed authenticator, replacing any earlier unconfirmed one; false when one is confirmed. */
    boolean saveUnconfirmedTotp(TotpCredential credential);

    /**
     * Marks the account's authenticator confirmed with the step of its first code, and so in use; false
     * when there is none or it was confirmed already.
     */
    boolean confirmTotp(AccountId accountId, Instant confirmedAt, long step);

    /**
     * Records that the code of {@code step} was used, if no code of that step or a later one was: the
     * compare-and-set that makes each code single use across every node; false when it was used.
     */
    boolean useTotpStep(AccountId accountId, long step);

    boolean deleteTotp(AccountId accountId);

    /** Replaces every recovery code of the account by these hashes. */
    void replaceRecoveryCodes(AccountId accountId, List<String> codeHashes, Instant createdAt);

    /** Marks the unused code with this hash used; false when there is none (wrong, or used before). */
    boolean useRecoveryCode(AccountId accountId, String codeHash, Instant usedAt);

    /** How many recovery codes of the account are still unused. */
    int countUnusedRecoveryCodes(AccountId accountId);

    /** Deletes every recovery code of the account; returns how many. */
    int deleteRecoveryCodes(AccountId accountId);
}
