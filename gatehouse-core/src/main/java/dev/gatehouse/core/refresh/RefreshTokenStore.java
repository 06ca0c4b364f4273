package dev.gatehouse.core.refresh;

import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Optional;

/**
 * Refresh-token families and the hashes of every token each has issued. Families die with their
 * session. Adapters pass {@code RefreshTokenStoreContract}.
 */
public interface RefreshTokenStore {

    /** Stores a new family at generation 0 with its first token's hash. */
    void insertFamily(RefreshFamily family, TokenHash firstToken);

    /** The account's live refresh families (its token logins), newest first. */
    java.util.List<RefreshFamily> familiesOf(dev.gatehouse.core.account.AccountId accountId);

    /** The client's live refresh families, in any order. */
    java.util.List<RefreshFamily> familiesOfClient(dev.gatehouse.core.client.ClientId clientId);

    Optional<PresentedRefreshToken> findByTokenHash(TokenHash hash);

    /** Deletes one family and its tokens, leaving its session alone; false when there was none. */
    boolean deleteFamily(String familyId);

    /**
     * Atomically moves the family from {@code expectedGeneration} to the next, recording the new
     * token's hash: false, and nothing changed, when another rotation got there first.
     */
    boolean rotate(String familyId, int expectedGeneration, TokenHash nextToken, Instant at);
}
