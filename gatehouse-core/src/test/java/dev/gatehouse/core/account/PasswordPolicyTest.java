package dev.gatehouse.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.defaults();
    private final EmailAddress email = new EmailAddress("margaret.hamilton@example.com");

    @Test
    void acceptsALongUncommonPasswordWithoutAnyCompositionRule() {
        assertThat(policy.check(new Password("purple elephants dance quietly"), email))
                .isEmpty();
    }

    @Test
    void refusesFewerThanEightCharactersCountingCodePointsNotBytes() {
        assertThat(policy.check(new Password("seven77"), email)).contains(PasswordProblem.TOO_SHORT);
        // Eight emoji are eight characters (and 32 bytes): long enough.
        assertThat(policy.check(new Password("\uD83D\uDE00".repeat(8)), email)).isEmpty();
    }

    @Test
    void refusesMoreThanTheByteLimitInsteadOfTruncating() {
        assertThat(policy.check(new Password("x".repeat(1024)), email)).isEmpty();
        assertThat(policy.check(new Password("x".repeat(1025)), email)).contains(PasswordProblem.TOO_LONG);
        assertThat(policy.tooLongToHash(new Password("\u00e9".repeat(513)))).isTrue();
    }

    @Test
    void refusesCommonPasswordsFromTheBundledListInAnyCase() {
        assertThat(policy.check(new Password("password123"), email)).contains(PasswordProblem.COMMON);
        assertThat(policy.check(new Password("PassWord123"), email)).contains(PasswordProblem.COMMON);
        assertThat(policy.check(new Password("qwertyuiop"), email)).contains(PasswordProblem.COMMON);
        assertThat(CommonPasswords.bundled().size()).isGreaterThan(100_000);
    }

    /** A server starts without reading it, and the first check (or a preload) reads it once for all. */
    @Test
    void readsTheBundledListWhenFirstConsulted() throws Exception {
        CommonPasswords bundled = CommonPasswords.bundled();
        var lazy = new PasswordPolicy(8, 1024, bundled, java.util.List.of());
        assertThat(bundled.isLoaded()).isFalse();

        java.util.List<Boolean> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread[] checkers = new Thread[4];
        for (int i = 0; i < checkers.length; i++) {
            checkers[i] = Thread.ofVirtual()
                    .start(() -> answers.add(lazy.check(new Password("password123"), email)
                            .equals(java.util.Optional.of(PasswordProblem.COMMON))));
        }
        for (Thread checker : checkers) {
            checker.join(30_000);
        }

        assertThat(answers).containsExactly(true, true, true, true);
        assertThat(bundled.isLoaded()).isTrue();
        assertThat(bundled.load()).isSameAs(bundled);
    }

    @Test
    void refusesEntriesFromTheLeakedPasswordListsToo() {
        // From SecLists' lists, not in the zxcvbn-ts list the bundle started with.
        assertThat(policy.check(new Password("playboy1234"), email)).contains(PasswordProblem.COMMON);
        assertThat(policy.check(new Password("angels500"), email)).contains(PasswordProblem.COMMON);
    }

    @Test
    void refusesPasswordsBuiltFromTheServiceNameOrTheEmailsLocalPart() {
        var atExample = policy.withServiceWords(java.util.List.of("acme"));

        assertThat(atExample.check(new Password("Gatehouse1"), email)).contains(PasswordProblem.BUILT_FROM_CONTEXT);
        assertThat(atExample.check(new Password("acme-2026!"), email)).contains(PasswordProblem.BUILT_FROM_CONTEXT);
        assertThat(atExample.check(new Password("margaret.hamilton2026"), email))
                .contains(PasswordProblem.BUILT_FROM_CONTEXT);
        // A long passphrase that merely mentions a context word stands on its own.
        assertThat(atExample.check(new Password("acme rockets fly over quiet hills"), email))
                .isEmpty();
    }

    @Test
    void refusesTheAccountsOwnName() {
        assertThat(policy.check(new Password("Margaret.Hamilton"), email))
                .contains(PasswordProblem.CONTAINS_ACCOUNT_NAME);
    }

    @Test
    void usesWhateverListItIsGiven() {
        var custom = new PasswordPolicy(8, 1024, CommonPasswords.of(Set.of("Gatehouse2026")), java.util.List.of());

        assertThat(custom.check(new Password("gatehouse2026"), email)).contains(PasswordProblem.COMMON);
    }
}
