package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountStore;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.account.PasswordHash;
import dev.gatehouse.core.account.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} must do. An adapter's test extends this and supplies a fresh, empty store. */
public abstract class AccountStoreContract {
    private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");

    private AccountStore store;

    /** A new, empty store; called before every test. */
    protected abstract AccountStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static Account account(String id, String email, Role role) {
        return new Account(new AccountId(id), new EmailAddress(email), HASH, role, false, CREATED);
    }

    @Test
    void findsAnInsertedAccountByEmailAndByIdWithEveryFieldIntact() {
        Account ada = account("a1", "ada@example.com", Role.ADMIN);

        assertThat(store.insert(ada)).isTrue();

        assertThat(store.findByEmail(ada.email())).contains(ada);
        assertThat(store.findById(ada.id())).contains(ada);
    }

    @Test
    void countsTheAccounts() {
        assertThat(store.count()).isZero();
        store.insert(account("a1", "ada@example.com", Role.ADMIN));
        store.insert(account("a2", "grace@example.com", Role.USER));

        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void keepsTimestampsToTheMillisecond() {
        Account ada = account("a1", "ada@example.com", Role.USER);
        store.insert(ada);

        assertThat(store.findById(ada.id()).orElseThrow().createdAt())
                .isEqualTo(CREATED.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void refusesASecondAccountWithTheSameEmailAndKeepsTheFirst() {
        Account first = account("a1", "ada@example.com", Role.USER);
        store.insert(first);

        assertThat(store.insert(account("a2", "ada@example.com", Role.ADMIN))).isFalse();

        assertThat(store.findByEmail(first.email())).contains(first);
        assertThat(store.findById(new AccountId("a2"))).isEmpty();
    }

    @Test
    void findsNothingForUnknownKeys() {
        assertThat(store.findByEmail(new EmailAddress("nobody@example.com"))).isEmpty();
        assertThat(store.findById(new AccountId("missing"))).isEmpty();
    }

    @Test
    void replacesThePasswordHash() {
        Account ada = account("a1", "ada@example.com", Role.USER);
        store.insert(ada);
        var newHash = new PasswordHash("$argon2id$v=19$m=65536,t=3,p=1$bmV3$bmV3aGFzaA");

        assertThat(store.updatePasswordHash(ada.id(), newHash)).isTrue();
        assertThat(store.updatePasswordHash(new AccountId("missing"), newHash)).isFalse();

        assertThat(store.findById(ada.id()).orElseThrow().passwordHash()).isEqualTo(newHash);
    }

    @Test
    void remembersWhenTheAccountsFailedLoginsWereForgiven() {
        Account ada = account("a1", "ada@example.com", Role.USER);
        store.insert(ada);
        java.time.Instant at = java.time.Instant.parse("2026-05-01T10:00:00.123Z");

        assertThat(store.loginsForgivenAt(ada.email())).isEmpty();
        assertThat(store.markLoginsForgiven(ada.id(), at)).isTrue();
        assertThat(store.loginsForgivenAt(ada.email())).contains(at);
        assertThat(store.markLoginsForgiven(new AccountId("missing"), at)).isFalse();
        assertThat(store.loginsForgivenAt(new EmailAddress("nobody@example.com")))
                .isEmpty();
    }

    @Test
    void locksAndUnlocks() {
        Account ada = account("a1", "ada@example.com", Role.USER);
        store.insert(ada);

        assertThat(store.updateLocked(ada.id(), true)).isTrue();
        assertThat(store.findById(ada.id()).orElseThrow().locked()).isTrue();
        assertThat(store.updateLocked(ada.id(), false)).isTrue();
        assertThat(store.findById(ada.id()).orElseThrow().locked()).isFalse();
        assertThat(store.updateLocked(new AccountId("missing"), true)).isFalse();
    }

    @Test
    void keepsWhetherTheAddressIsVerified() {
        Account ada = account("a1", "ada@example.com", Role.USER);
        Account vouched = new Account(
                new AccountId("a2"), new EmailAddress("grace@example.com"), HASH, Role.USER, false, CREATED, true);
        store.insert(ada);
        store.insert(vouched);

        assertThat(store.findById(ada.id()).orElseThrow().emailVerified()).isFalse();
        assertThat(store.findById(vouched.id()).orElseThrow().emailVerified()).isTrue();
        assertThat(store.markEmailVerified(ada.id())).isTrue();
        assertThat(store.findById(ada.id()).orElseThrow().emailVerified()).isTrue();
        assertThat(store.markEmailVerified(new AccountId("missing"))).isFalse();
    }

    @Test
    void changesTheAddressUnlessAnotherAccountHasIt() {
        Account ada = account("a1", "ada@example.com", Role.USER);
        store.insert(ada);
        store.insert(account("a2", "grace@example.com", Role.USER));

        assertThat(store.changeEmail(ada.id(), new EmailAddress("grace@example.com")))
                .isFalse();
        assertThat(store.changeEmail(ada.id(), new EmailAddress("ada@example.org")))
                .isTrue();
        assertThat(store.findByEmail(new EmailAddress("ada@example.org"))).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(ada.id());
            assertThat(found.emailVerified()).isTrue();
        });
        assertThat(store.findByEmail(ada.email())).isEmpty();
        assertThat(store.changeEmail(new AccountId("missing"), new EmailAddress("x@example.com")))
                .isFalse();
    }

    @Test
    void listsByEmailInPages() {
        store.insert(account("c", "carol@example.com", Role.USER));
        store.insert(account("a", "alice@example.com", Role.USER));
        store.insert(account("b", "bob@example.com", Role.USER));

        assertThat(store.list(0, 2))
                .extracting(a -> a.email().value())
                .containsExactly("alice@example.com", "bob@example.com");
        assertThat(store.list(2, 2)).extracting(a -> a.email().value()).containsExactly("carol@example.com");
        assertThat(store.list(3, 2)).isEmpty();
    }

    @Test
    void searchesByAFragmentOfTheEmailTakingWildcardsLiterally() {
        store.insert(account("c", "carol@example.com", Role.USER));
        store.insert(account("a", "alice@example.org", Role.USER));
        store.insert(account("p", "per_cent%@example.com", Role.USER));

        assertThat(store.search("example.com", 0, 10))
                .extracting(a -> a.email().value())
                .containsExactly("carol@example.com", "per_cent%@example.com");
        assertThat(store.search("%", 0, 10)).extracting(a -> a.id().value()).containsExactly("p");
        assertThat(store.search("_", 0, 10)).extracting(a -> a.id().value()).containsExactly("p");
        assertThat(store.search("example", 1, 1))
                .extracting(a -> a.id().value())
                .containsExactly("c");
    }

    @Test
    void deletesAnAccount() {
        store.insert(account("a", "alice@example.com", Role.USER));

        assertThat(store.delete(new AccountId("a"))).isTrue();
        assertThat(store.findById(new AccountId("a"))).isEmpty();
        assertThat(store.delete(new AccountId("a"))).isFalse();
    }

    @Test
    void knowsWhetherAnAdminExists() {
        store.insert(account("u", "user@example.com", Role.USER));
        assertThat(store.anyAdmin()).isFalse();

        store.insert(account("r", "root@example.com", Role.ADMIN));
        assertThat(store.anyAdmin()).isTrue();
    }
}
