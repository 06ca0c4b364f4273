package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.factor.SecondFactorStore;
import dev.gatehouse.core.factor.TotpCredential;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Second factors in maps, for core tests; synchronized like a database's row locks. */
public final class InMemorySecondFactorStore implements SecondFactorStore {
    private final Map<AccountId, TotpCredential> totp = new HashMap<>();
    private final Map<AccountId, Map<String, Optional<Instant>>> codes = new HashMap<>();

    @Override
    public synchronized Optional<TotpCredential> findTotp(AccountId accountId) {
        return Optional.ofNullable(totp.get(accountId));
    }

    @Override
    public synchronized boolean saveUnconfirmedTotp(TotpCredential credential) {
        TotpCredential existing = totp.get(credential.accountId());
        if (existing != null && existing.confirmed()) {
            return false;
        }
        totp.put(credential.accountId(), credential);
        return true;
    }

    @Override
    public synchronized boolean confirmTotp(AccountId accountId, Instant confirmedAt, long step) {
        TotpCredential existing = totp.get(accountId);
        if (existing == null || existing.confirmed()) {
            return false;
        }
        totp.put(
                accountId,
                new TotpCredential(
                        accountId, existing.sealedSecret(), Optional.of(confirmedAt), step, existing.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean useTotpStep(AccountId accountId, long step) {
        TotpCredential existing = totp.get(accountId);
        if (existing == null || !existing.confirmed() || existing.lastUsedStep() >= step) {
            return false;
        }
        totp.put(
                accountId,
                new TotpCredential(
                        accountId, existing.sealedSecret(), existing.confirmedAt(), step, existing.createdAt()));
        return true;
    }

    @Override
    public synchronized boolean deleteTotp(AccountId accountId) {
        return totp.remove(accountId) != null;
    }

    @Override
    public synchronized void replaceRecoveryCodes(AccountId accountId, List<String> codeHashes, Instant createdAt) {
        Map<String, Optional<Instant>> fresh = new HashMap<>();
        codeHashes.forEach(hash -> fresh.put(hash, Optional.empty()));
        codes.put(accountId, fresh);
    }

    @Override
    public synchronized boolean useRecoveryCode(AccountId accountId, String codeHash, Instant usedAt) {
        Map<String, Optional<Instant>> of = codes.getOrDefault(accountId, Map.of());
        if (!of.containsKey(codeHash) || of.get(codeHash).isPresent()) {
            return false;
        }
        of.put(codeHash, Optional.of(usedAt));
        return true;
    }

    @Override
    public synchronized int countUnusedRecoveryCodes(AccountId accountId) {
        return (int) codes.getOrDefault(accountId, Map.of()).values().stream()
                .filter(Optional::isEmpty)
                .count();
    }

    @Override
    public synchronized int deleteRecoveryCodes(AccountId accountId) {
        Map<String, Optional<Instant>> removed = codes.remove(accountId);
        return removed == null ? 0 : removed.size();
    }
}
