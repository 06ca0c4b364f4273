package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.PasswordCheck.Reason;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.InMemoryAccountStore;
import dev.gatehouse.core.testing.TestClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private static final Argon2Parameters CHEAP = new Argon2Parameters(256, 1, 1);
    private static final Password GOOD = new Password("purple elephants dance");

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final TestClock clock = TestClock.startingAt("2026-01-01T00:00:00Z");
    private final CountingHasher hasher = new CountingHasher(new Argon2idPasswordHasher(CHEAP, new CountingRandom(1)));
    private final AccountService service = serviceWith(hasher, new CountingRandom(2));

    /** A service over this test's store and clock with {@code passwordHasher}. */
    private AccountService serviceWith(PasswordHasher passwordHasher, CountingRandom random) {
        return new AccountService(
                store,
                passwordHasher,
                PasswordPolicy.defaults(),
                clock,
                random,
                AuditTrail.discarding(clock),
                dev.gatehouse.core.Transactions.IMMEDIATE,
                SignUpMails.NONE);
    }

    @Test
    void signsUpWithTheCanonicalEmailAndAHashedPassword() {
        var outcome = service.signUp(" Ada@Example.com", GOOD, Role.USER);

        assertThat(outcome).isInstanceOf(SignUpOutcome.Created.class);
        Account account = ((SignUpOutcome.Created) outcome).account();
        assertThat(account.email().value()).isEqualTo("ada@example.com");
        assertThat(account.passwordHash().phcString()).startsWith("$argon2id$").doesNotContain(GOOD.reveal());
        assertThat(account.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void refusesALookAlikeOfARegisteredAddressAfterHashingAllTheSame() {
        service.signUp("jos\u00e9@example.com", GOOD, Role.USER);
        int hashesBefore = hasher.hashes.get();

        var outcome = service.signUp("JOSE\u0301@example.com", GOOD, Role.USER);

        assertThat(outcome).isInstanceOf(SignUpOutcome.AlreadyRegistered.class);
        assertThat(hasher.hashes.get()).isEqualTo(hashesBefore + 1);
    }

    @Test
    void refusesAWeakPasswordOrABadEmailWithoutHashing() {
        int before = hasher.hashes.get();

        assertThat(service.signUp("ada@example.com", new Password("password1"), Role.USER))
                .isEqualTo(new SignUpOutcome.WeakPassword(PasswordProblem.COMMON));
        assertThat(service.signUp("not an email", GOOD, Role.USER)).isInstanceOf(SignUpOutcome.InvalidEmail.class);
        assertThat(hasher.hashes.get()).isEqualTo(before);
    }

    @Test
    void authenticatesTheRightPasswordAndRejectsTheWrongOne() {
        service.signUp("ada@example.com", GOOD, Role.USER);

        assertThat(service.authenticate("ADA@example.com", GOOD)).isInstanceOf(PasswordCheck.Authenticated.class);
        assertThat(service.authenticate("ada@example.com", new Password("purple elephants dancE")))
                .isEqualTo(new PasswordCheck.Rejected(Reason.WRONG_PASSWORD));
    }

    /** A server would otherwise wait one hash time at every start before it answers. */
    @Test
    void startsWithoutHashing() {
        var counting = new CountingHasher(new Argon2idPasswordHasher(CHEAP, new CountingRandom(3)));

        serviceWith(counting, new CountingRandom(4));

        assertThat(counting.hashes.get()).isZero();
        assertThat(counting.verifications.get()).isZero();
    }

    @Test
    void checksAHashEvenForAnUnknownAccountSoTimingRevealsNothing() {
        int before = hasher.verifications.get();

        assertThat(service.authenticate("nobody@example.com", GOOD))
                .isEqualTo(new PasswordCheck.Rejected(Reason.UNKNOWN_ACCOUNT));
        assertThat(service.authenticate("not-an-email", GOOD))
                .isEqualTo(new PasswordCheck.Rejected(Reason.UNKNOWN_ACCOUNT));
        assertThat(hasher.verifications.get()).isEqualTo(before + 2);
    }

    @Test
    void rejectsALockedAccountEvenWithTheRightPasswordAfterCheckingIt() {
        service.signUp("ada@example.com", GOOD, Role.USER);
        service.setLocked(service.findByEmail("ada@example.com").orElseThrow().id(), true);
        int before = hasher.verifications.get();

        assertThat(service.authenticate("ada@example.com", GOOD)).isEqualTo(new PasswordCheck.Rejected(Reason.LOCKED));
        assertThat(hasher.verifications.get()).isEqualTo(before + 1);

        service.setLocked(service.findByEmail("ada@example.com").orElseThrow().id(), false);
        assertThat(service.authenticate("ada@example.com", GOOD)).isInstanceOf(PasswordCheck.Authenticated.class);
    }

    @Test
    void refusesAnOversizedPasswordBeforeHashing() {
        service.signUp("ada@example.com", GOOD, Role.USER);
        int before = hasher.verifications.get();

        assertThat(service.authenticate("ada@example.com", new Password("x".repeat(100_000))))
                .isEqualTo(new PasswordCheck.Rejected(Reason.MALFORMED_INPUT));
        assertThat(hasher.verifications.get()).isEqualTo(before);
    }

    @Test
    void upgradesTheHashOnLoginWhenTheConfiguredParametersAreStronger() {
        service.signUp("ada@example.com", GOOD, Role.USER);
        var stronger = new Argon2idPasswordHasher(new Argon2Parameters(512, 2, 1), new CountingRandom(3));
        var upgraded = serviceWith(stronger, new CountingRandom(4));

        upgraded.authenticate("ada@example.com", GOOD);

        Account account = store.findByEmail(new EmailAddress("ada@example.com")).orElseThrow();
        assertThat(account.passwordHash().phcString()).startsWith("$argon2id$v=19$m=512,t=2,p=1$");
        assertThat(upgraded.authenticate("ada@example.com", GOOD)).isInstanceOf(PasswordCheck.Authenticated.class);
    }

    @Test
    void keepsTheHashWhenItsParametersAreCurrent() {
        service.signUp("ada@example.com", GOOD, Role.USER);
        PasswordHash before = store.findByEmail(new EmailAddress("ada@example.com"))
                .orElseThrow()
                .passwordHash();

        service.authenticate("ada@example.com", GOOD);

        assertThat(store.findByEmail(new EmailAddress("ada@example.com"))
                        .orElseThrow()
                        .passwordHash())
                .isEqualTo(before);
    }

    @Test
    void preparesAPasswordChangeOnlyWithTheCurrentOneAndAGoodNewOne() {
        var created = (SignUpOutcome.Created) service.signUp("ada@example.com", GOOD, Role.USER);
        var id = created.account().id();
        var next = new Password("seven silver swans swimming");

        assertThat(service.preparePasswordChange(id, new Password("not the password"), next))
                .isInstanceOf(PasswordChangeOutcome.WrongCurrentPassword.class);
        assertThat(service.preparePasswordChange(id, GOOD, new Password("qwertyuiop")))
                .isEqualTo(new PasswordChangeOutcome.WeakPassword(PasswordProblem.COMMON));
        var changed = (PasswordChangeOutcome.Changed) service.preparePasswordChange(id, GOOD, next);
        // Prepared, not stored: the old password still holds until the use case stores the new hash.
        assertThat(service.authenticate("ada@example.com", GOOD)).isInstanceOf(PasswordCheck.Authenticated.class);
        assertThat(service.storePasswordHash(id, changed.account().passwordHash()))
                .isTrue();

        assertThat(service.authenticate("ada@example.com", GOOD)).isInstanceOf(PasswordCheck.Rejected.class);
        assertThat(service.authenticate("ada@example.com", next)).isInstanceOf(PasswordCheck.Authenticated.class);
    }

    @Test
    void knowsWhetherAnyAdminExists() {
        assertThat(service.anyAdmin()).isFalse();
        service.signUp("root@example.com", GOOD, Role.ADMIN);
        assertThat(service.anyAdmin()).isTrue();
    }

    /** Counts the expensive calls, to prove which paths hash and which do not. */
    private static final class CountingHasher implements PasswordHasher {
        private final PasswordHasher delegate;
        final AtomicInteger hashes = new AtomicInteger();
        final AtomicInteger verifications = new AtomicInteger();

        CountingHasher(PasswordHasher delegate) {
            this.delegate = delegate;
        }

        @Override
        public PasswordHash hash(Password password) {
            hashes.incrementAndGet();
            return delegate.hash(password);
        }

        @Override
        public boolean verify(Password password, PasswordHash hash) {
            verifications.incrementAndGet();
            return delegate.verify(password, hash);
        }

        @Override
        public boolean needsRehash(PasswordHash hash) {
            return delegate.needsRehash(hash);
        }

        @Override
        public PasswordHash unmatchable() {
            return delegate.unmatchable();
        }
    }
}
