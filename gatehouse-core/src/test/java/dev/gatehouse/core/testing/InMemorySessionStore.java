package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionStore;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A session store in a map, for fast unit tests of the core. It passes the same contract as real stores. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<SessionId, Session> byId = new ConcurrentHashMap<>();

    @Override
    public void insert(Session session) {
        if (byId.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("duplicate session id");
        }
    }

    @Override
    public Optional<Session> findByTokenHash(TokenHash tokenHash) {
        return byId.values().stream()
                .filter(s -> s.tokenHash().equals(tokenHash))
                .findFirst();
    }

    @Override
    public Optional<Session> findById(SessionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Session> listByAccount(AccountId accountId) {
        return byId.values().stream()
                .filter(s -> s.accountId().equals(accountId))
                .sorted(Comparator.comparing(Session::createdAt).reversed())
                .toList();
    }

    @Override
    public List<SessionId> leastRecentlyUsed(AccountId accountId, SessionId keep, int limit) {
        return byId.values().stream()
                .filter(s -> s.accountId().equals(accountId) && !s.id().equals(keep))
                .sorted(Comparator.comparing(Session::lastSeenAt)
                        .thenComparing(Session::createdAt)
                        .thenComparing(s -> s.id().value()))
                .limit(limit)
                .map(Session::id)
                .toList();
    }

    @Override
    public void updateLastSeen(SessionId id, Instant lastSeenAt) {
        byId.computeIfPresent(id, (k, s) -> s.withLastSeenAt(lastSeenAt));
    }

    @Override
    public boolean updateAuthentication(
            SessionId id, java.util.Set<dev.gatehouse.core.session.AuthenticationMethod> amr, Instant authTime) {
        return byId.computeIfPresent(id, (k, s) -> s.withAuthentication(amr, authTime)) != null;
    }

    @Override
    public boolean delete(AccountId accountId, SessionId id) {
        Session session = byId.get(id);
        return session != null && session.accountId().equals(accountId) && byId.remove(id, session);
    }

    @Override
    public List<SessionId> deleteAllOf(AccountId accountId, Optional<SessionId> keep) {
        List<Session> doomed = listByAccount(accountId).stream()
                .filter(s -> keep.map(k -> !k.equals(s.id())).orElse(true))
                .toList();
        doomed.forEach(s -> byId.remove(s.id()));
        return doomed.stream().map(Session::id).toList();
    }

    @Override
    public long countByAccount(AccountId accountId) {
        return byId.values().stream()
                .filter(s -> s.accountId().equals(accountId))
                .count();
    }

    @Override
    public long countLive(Instant now) {
        return byId.values().stream()
                .filter(s -> s.absoluteExpiresAt().isAfter(now))
                .count();
    }

    @Override
    public List<SessionId> findExpired(Instant now, Instant idleCutoff, SessionKind kind) {
        return byId.values().stream()
                .filter(s -> s.kind() == kind)
                .filter(s ->
                        !now.isBefore(s.absoluteExpiresAt()) || !s.lastSeenAt().isAfter(idleCutoff))
                .map(Session::id)
                .toList();
    }

    @Override
    public int deleteExpired(Instant now, Instant idleCutoff, SessionKind kind) {
        List<Session> doomed = byId.values().stream()
                .filter(s -> s.kind() == kind)
                .filter(s ->
                        !now.isBefore(s.absoluteExpiresAt()) || !s.lastSeenAt().isAfter(idleCutoff))
                .toList();
        doomed.forEach(s -> byId.remove(s.id()));
        return doomed.size();
    }
}
