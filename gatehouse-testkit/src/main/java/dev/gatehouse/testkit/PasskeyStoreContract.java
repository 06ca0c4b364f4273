package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.passkey.Passkey;
import dev.gatehouse.core.passkey.PasskeyChallenge;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.PasskeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PasskeyStore} must do. Subclasses supply a fresh store where {@code ada} and {@code grace} exist. */
public abstract class PasskeyStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final AccountId ADA = new AccountId("ada");
    private static final AccountId GRACE = new AccountId("grace");

    private PasskeyStore store;

    protected abstract PasskeyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static Passkey passkey(String id, AccountId owner, String name, long counter, Instant createdAt) {
        return new Passkey(
                new PasskeyId(id),
                owner,
                name,
                new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, (byte) 0xff},
                counter,
                true,
                false,
                List.of("hybrid", "internal"),
                createdAt,
                Optional.empty());
    }

    private static PasskeyChallenge challenge(String binding, Optional<AccountId> account) {
        return new PasskeyChallenge(
                binding,
                "Y2hhbGxlbmdlLWJ5dGVzLTMyLWxvbmctZW5vdWdoLi4u",
                PasskeyChallenge.Purpose.REGISTER,
                account,
                T0,
                T0.plusSeconds(120));
    }

    @Test
    void aPasskeyIsFoundAsStoredAndItsCredentialIdIsTakenOnce() {
        Passkey laptop = passkey("AAEC", ADA, "Laptop", 0, T0);
        assertThat(store.insert(laptop)).isTrue();
        assertThat(store.insert(passkey("AAEC", GRACE, "Same id", 0, T0)))
                .as("the same credential id again, for anyone")
                .isFalse();

        assertThat(store.find(new PasskeyId("AAEC"))).contains(laptop);
        assertThat(store.find(new PasskeyId("AAED"))).isEmpty();
    }

    @Test
    void anAccountListsItsOwnPasskeysOldestFirst() {
        store.insert(passkey("bmV3", ADA, "Phone", 0, T0.plusSeconds(60)));
        store.insert(passkey("b2xk", ADA, "Laptop", 0, T0));
        store.insert(passkey("Z3JhY2U", GRACE, "Key", 0, T0));

        assertThat(store.listOf(ADA)).extracting(Passkey::name).containsExactly("Laptop", "Phone");
        assertThat(store.listOf(new AccountId("nobody"))).isEmpty();
    }

    @Test
    void aUseIsRecordedOnlyWhenTheCounterAdvancesOrStaysZero() {
        store.insert(passkey("Y291bnRz", ADA, "Counting", 5, T0));
        store.insert(passkey("emVybw", ADA, "Zero", 0, T0));
        PasskeyId counting = new PasskeyId("Y291bnRz");
        PasskeyId zero = new PasskeyId("emVybw");

        assertThat(store.recordUse(counting, 5, true, T0.plusSeconds(1)))
                .as("same counter")
                .isFalse();
        assertThat(store.recordUse(counting, 4, true, T0.plusSeconds(1)))
                .as("counter backwards")
                .isFalse();
        assertThat(store.recordUse(counting, 0, true, T0.plusSeconds(1)))
                .as("counter reset")
                .isFalse();
        assertThat(store.find(counting).orElseThrow().lastUsedAt()).isEmpty();
        assertThat(store.recordUse(counting, 6, true, T0.plusSeconds(2))).isTrue();
        assertThat(store.find(counting))
                .contains(passkey("Y291bnRz", ADA, "Counting", 6, T0).usedAt(T0.plusSeconds(2), 6, true));

        assertThat(store.recordUse(zero, 0, false, T0.plusSeconds(3)))
                .as("no counter kept")
                .isTrue();
        assertThat(store.recordUse(zero, 0, false, T0.plusSeconds(4))).isTrue();
        assertThat(store.find(zero).orElseThrow().lastUsedAt()).contains(T0.plusSeconds(4));
        assertThat(store.recordUse(new PasskeyId("Z29uZQ"), 9, false, T0))
                .as("unknown")
                .isFalse();
    }

    @Test
    void renamingChangesOnlyTheOwnersPasskeysName() {
        store.insert(passkey("YWRh", ADA, "Laptop", 3, T0));

        assertThat(store.rename(GRACE, new PasskeyId("YWRh"), "Mine now"))
                .as("not hers")
                .isFalse();
        assertThat(store.rename(ADA, new PasskeyId("Z29uZQ"), "Gone"))
                .as("unknown")
                .isFalse();
        assertThat(store.rename(ADA, new PasskeyId("YWRh"), "Work laptop")).isTrue();

        Passkey renamed = store.find(new PasskeyId("YWRh")).orElseThrow();
        assertThat(renamed.name()).isEqualTo("Work laptop");
        assertThat(renamed.signatureCounter()).isEqualTo(3);
        assertThat(renamed.accountId()).isEqualTo(ADA);
    }

    @Test
    void deletingRemovesOnlyTheOwnersPasskey() {
        store.insert(passkey("YWRh", ADA, "Laptop", 0, T0));
        store.insert(passkey("YWRhMg", ADA, "Phone", 0, T0));
        store.insert(passkey("Z3JhY2U", GRACE, "Key", 0, T0));

        assertThat(store.delete(GRACE, new PasskeyId("YWRh"))).as("not hers").isFalse();
        assertThat(store.delete(ADA, new PasskeyId("YWRh"))).isTrue();
        assertThat(store.delete(ADA, new PasskeyId("YWRh"))).isFalse();
        assertThat(store.listOf(ADA)).extracting(Passkey::name).containsExactly("Phone");

        assertThat(store.deleteAllOf(ADA)).isEqualTo(1);
        assertThat(store.listOf(ADA)).isEmpty();
        assertThat(store.listOf(GRACE)).hasSize(1);
    }

    @Test
    void aChallengeIsTakenOnce() {
        PasskeyChallenge registering = challenge("a".repeat(64), Optional.of(ADA));
        PasskeyChallenge signingIn = new PasskeyChallenge(
                "b".repeat(64),
                "c2lnbi1pbg",
                PasskeyChallenge.Purpose.SIGN_IN,
                Optional.empty(),
                T0,
                T0.plusSeconds(120));
        store.insertChallenge(registering);
        store.insertChallenge(signingIn);

        assertThat(store.takeChallenge("a".repeat(64))).contains(registering);
        assertThat(store.takeChallenge("a".repeat(64))).as("taken already").isEmpty();
        assertThat(store.takeChallenge("b".repeat(64))).contains(signingIn);
        assertThat(store.takeChallenge("c".repeat(64))).isEmpty();
    }

    @Test
    void expiredChallengesAreSweptAndLiveOnesKept() {
        store.insertChallenge(challenge("a".repeat(64), Optional.of(ADA)));
        store.insertChallenge(new PasskeyChallenge(
                "b".repeat(64),
                "bGF0ZXI",
                PasskeyChallenge.Purpose.SECOND_FACTOR,
                Optional.of(GRACE),
                T0.plusSeconds(60),
                T0.plusSeconds(180)));

        assertThat(store.deleteExpiredChallenges(T0.plusSeconds(119))).isZero();
        assertThat(store.deleteExpiredChallenges(T0.plusSeconds(120))).isEqualTo(1);
        assertThat(store.takeChallenge("a".repeat(64))).isEmpty();
        assertThat(store.takeChallenge("b".repeat(64))).isPresent();
    }
}
