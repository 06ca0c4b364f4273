package dev.gatehouse.core.testing;

import dev.gatehouse.core.refresh.PresentedRefreshToken;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshTokenStore;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Refresh families in maps, for fast unit tests; passes the same contract as real stores. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
    private record Issued(String familyId, int generation) {}

    private final Map<String, RefreshFamily> families = new HashMap<>();
    private final Map<TokenHash, Issued> tokens = new HashMap<>();

    @Override
    public synchronized java.util.List<RefreshFamily> familiesOf(dev.gatehouse.core.account.AccountId accountId) {
        return families.values().stream()
                .filter(f -> f.accountId().equals(accountId))
                .sorted(java.util.Comparator.comparing(RefreshFamily::createdAt)
                        .reversed()
                        .thenComparing(RefreshFamily::id))
                .toList();
    }

    @Override
    public synchronized java.util.List<RefreshFamily> familiesOfClient(dev.gatehouse.core.client.ClientId clientId) {
        return families.values().stream()
                .filter(f -> f.clientId().equals(clientId))
                .toList();
    }

    @Override
    public synchronized boolean deleteFamily(String familyId) {
        tokens.values().removeIf(issued -> issued.familyId().equals(familyId));
        return families.remove(familyId) != null;
    }

    @Override
    public synchronized void insertFamily(RefreshFamily family, TokenHash firstToken) {
        families.put(family.id(), family);
        tokens.put(firstToken, new Issued(family.id(), family.generation()));
    }

    @Override
    public synchronized Optional<PresentedRefreshToken> findByTokenHash(TokenHash hash) {
        Issued issued = tokens.get(hash);
        if (issued == null || !families.containsKey(issued.familyId())) {
            return Optional.empty();
        }
        return Optional.of(new PresentedRefreshToken(families.get(issued.familyId()), issued.generation()));
    }

    @Override
    public synchronized boolean rotate(String familyId, int expectedGeneration, TokenHash nextToken, Instant at) {
        RefreshFamily f = families.get(familyId);
        if (f == null || f.generation() != expectedGeneration) {
            return false;
        }
        families.put(
                familyId,
                new RefreshFamily(
                        f.id(),
                        f.sessionId(),
                        f.accountId(),
                        f.clientId(),
                        expectedGeneration + 1,
                        f.createdAt(),
                        at,
                        f.absoluteExpiresAt(),
                        f.scope(),
                        f.audience()));
        tokens.put(nextToken, new Issued(familyId, expectedGeneration + 1));
        return true;
    }

    /** What deleting the family's session does in a real store. */
    public synchronized void deleteFamiliesOf(dev.gatehouse.core.session.SessionId session) {
        families.values().removeIf(f -> f.sessionId().equals(session));
    }
}
