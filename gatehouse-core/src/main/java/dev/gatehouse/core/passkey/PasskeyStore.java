package dev.gatehouse.core.passkey;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where passkeys and their pending challenges live. Adapters pass {@code PasskeyStoreContract}. */
public interface PasskeyStore {

    /** Stores a new passkey; false when a passkey with its credential id exists (of any account). */
    boolean insert(Passkey passkey);

    Optional<Passkey> find(PasskeyId id);

    /** The account's passkeys, oldest first. */
    List<Passkey> listOf(AccountId accountId);

    /**
     * Records a verified use: the new counter and backup state, if the counter moved forward or both it
     * and the stored one are zero (WebAuthn section 7.2 step 22). The compare-and-set that lets no two
     * nodes accept the same counter; false when the counter did not advance (a possible clone) or the
     * passkey is gone.
     */
    boolean recordUse(PasskeyId id, long signatureCounter, boolean backupState, Instant usedAt);

    /** Gives the account's passkey a new name; false when the account has none with that id. */
    boolean rename(AccountId accountId, PasskeyId id, String name);

    /** Deletes the account's passkey; false when the account has none with that id. */
    boolean delete(AccountId accountId, PasskeyId id);

    /** Deletes every passkey of the account; returns how many. */
    int deleteAllOf(AccountId accountId);

    void insertChallenge(PasskeyChallenge challenge);

    /**
     * Removes and returns the challenge bound to this hash: whoever takes it first has it, so each is
     * answered once. Expired ones are returned too (the caller says why it refuses).
     */
    Optional<PasskeyChallenge> takeChallenge(String bindingHash);

    /** Deletes challenges that expired before {@code now}; returns how many. */
    int deleteExpiredChallenges(Instant now);
}
