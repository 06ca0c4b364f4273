package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.passkey.Passkey;
import dev.gatehouse.core.passkey.PasskeyChallenge;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.PasskeyStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Passkeys and challenges in maps, for unit tests. */
public final class InMemoryPasskeyStore implements PasskeyStore {
    private final Map<PasskeyId, Passkey> passkeys = new LinkedHashMap<>();
    private final Map<String, PasskeyChallenge> challenges = new HashMap<>();

    @Override
    public synchronized boolean insert(Passkey passkey) {
        return passkeys.putIfAbsent(passkey.id(), passkey) == null;
    }

    @Override
    public synchronized Optional<Passkey> find(PasskeyId id) {
        return Optional.ofNullable(passkeys.get(id));
    }

    @Override
    public synchronized List<Passkey> listOf(AccountId accountId) {
        return passkeys.values().stream()
                .filter(p -> p.accountId().equals(accountId))
                .sorted(Comparator.comparing(Passkey::createdAt))
                .toList();
    }

    @Override
    public synchronized boolean recordUse(PasskeyId id, long signatureCounter, boolean backupState, Instant usedAt) {
        Passkey stored = passkeys.get(id);
        if (stored == null
                || !(stored.signatureCounter() < signatureCounter
                        || (stored.signatureCounter() == 0 && signatureCounter == 0))) {
            return false;
        }
        passkeys.put(id, stored.usedAt(usedAt, signatureCounter, backupState));
        return true;
    }

    @Override
    public synchronized boolean rename(AccountId accountId, PasskeyId id, String name) {
        Passkey stored = passkeys.get(id);
        if (stored == null || !stored.accountId().equals(accountId)) {
            return false;
        }
        passkeys.put(
                id,
                new Passkey(
                        stored.id(),
                        stored.accountId(),
                        name,
                        stored.publicKeyCose(),
                        stored.signatureCounter(),
                        stored.backupEligible(),
                        stored.backupState(),
                        stored.transports(),
                        stored.createdAt(),
                        stored.lastUsedAt()));
        return true;
    }

    @Override
    public synchronized boolean delete(AccountId accountId, PasskeyId id) {
        Passkey stored = passkeys.get(id);
        return stored != null && stored.accountId().equals(accountId) && passkeys.remove(id) != null;
    }

    @Override
    public synchronized int deleteAllOf(AccountId accountId) {
        List<PasskeyId> ids = listOf(accountId).stream().map(Passkey::id).toList();
        ids.forEach(passkeys::remove);
        return ids.size();
    }

    @Override
    public synchronized void insertChallenge(PasskeyChallenge challenge) {
        challenges.put(challenge.bindingHash(), challenge);
    }

    @Override
    public synchronized Optional<PasskeyChallenge> takeChallenge(String bindingHash) {
        return Optional.ofNullable(challenges.remove(bindingHash));
    }

    @Override
    public synchronized int deleteExpiredChallenges(Instant now) {
        int before = challenges.size();
        challenges.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        return before - challenges.size();
    }
}
