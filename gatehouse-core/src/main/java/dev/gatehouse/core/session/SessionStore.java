package dev.gatehouse.core.session;

import dev.gatehouse.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where sessions live, found only by the hash of their token. Adapters pass {@code SessionStoreContract}. */
public interface SessionStore {

    void insert(Session session);

    Optional<Session> findByTokenHash(TokenHash tokenHash);

    Optional<Session> findById(SessionId id);

    /** The account's sessions, newest first. */
    List<Session> listByAccount(AccountId accountId);

    /**
     * The ids of the account's {@code limit} least recently used sessions, by last seen and then by
     * creation (ties by id), never {@code keep}: the ones the per-account cap ends first.
     */
    List<SessionId> leastRecentlyUsed(AccountId accountId, SessionId keep, int limit);

    void updateLastSeen(SessionId id, Instant lastSeenAt);

    /** Records a re-authentication (step-up) of the session: its methods and time; false when it is gone. */
    boolean updateAuthentication(SessionId id, java.util.Set<AuthenticationMethod> amr, Instant authTime);

    /** Deletes the session if it belongs to {@code accountId}; false when there was none. */
    boolean delete(AccountId accountId, SessionId id);

    /** Deletes every session of the account except {@code keep} (when given); returns the ids deleted. */
    List<SessionId> deleteAllOf(AccountId accountId, Optional<SessionId> keep);

    /** How many sessions, browser and app, the account has (ended ones the purge has not yet removed too). */
    long countByAccount(AccountId accountId);

    /** How many sessions, browser and app, have not reached their absolute end at {@code now}. */
    long countLive(Instant now);

    /**
     * Deletes sessions of {@code kind} past their absolute end or idle since before {@code idleCutoff};
     * returns how many.
     */
    int deleteExpired(Instant now, Instant idleCutoff, SessionKind kind);

    /** The ids of the sessions {@link #deleteExpired} would delete with the same arguments. */
    List<SessionId> findExpired(Instant now, Instant idleCutoff, SessionKind kind);
}
