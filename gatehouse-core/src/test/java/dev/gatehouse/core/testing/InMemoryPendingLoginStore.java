package dev.gatehouse.core.testing;

import dev.gatehouse.core.login.PendingLogin;
import dev.gatehouse.core.login.PendingLoginStore;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Pending logins in a map, for core tests. */
public final class InMemoryPendingLoginStore implements PendingLoginStore {
    private final Map<String, PendingLogin> byId = new HashMap<>();

    @Override
    public synchronized void insert(PendingLogin login) {
        byId.put(login.id(), login);
    }

    @Override
    public synchronized Optional<PendingLogin> findByTokenHash(TokenHash tokenHash) {
        return byId.values().stream()
                .filter(p -> p.tokenHash().equals(tokenHash))
                .findFirst();
    }

    @Override
    public synchronized boolean countAttempt(String id, int max) {
        PendingLogin login = byId.get(id);
        if (login == null || login.attempts() >= max) {
            return false;
        }
        byId.put(
                id,
                new PendingLogin(
                        login.id(),
                        login.tokenHash(),
                        login.accountId(),
                        login.kind(),
                        login.clientId(),
                        login.scope(),
                        login.createdAt(),
                        login.expiresAt(),
                        login.attempts() + 1));
        return true;
    }

    @Override
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }

    @Override
    public synchronized int deleteByAccount(dev.gatehouse.core.account.AccountId account) {
        int before = byId.size();
        byId.values().removeIf(p -> p.accountId().equals(account));
        return before - byId.size();
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = byId.size();
        byId.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        return before - byId.size();
    }

    public synchronized int size() {
        return byId.size();
    }
}
