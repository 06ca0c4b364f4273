package dev.gatehouse.core.email;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.session.TokenHash;
import java.util.Optional;

/** Where link tokens' hashes live. Adapters must pass {@code EmailTokenStoreContract} in the testkit. */
public interface EmailTokenStore {

    /** Stores {@code token}, deleting every other token of its account and purpose: a newer link supersedes. */
    void replace(EmailToken token);

    /** The token with this hash and purpose, if stored. */
    Optional<EmailToken> find(TokenHash hash, EmailTokenPurpose purpose);

    /** Deletes and returns the token with this hash and purpose: of two concurrent takers, one gets it. */
    Optional<EmailToken> take(TokenHash hash, EmailTokenPurpose purpose);

    /** Deletes every token of the account for {@code purpose}; how many. */
    int discard(AccountId account, EmailTokenPurpose purpose);
}
