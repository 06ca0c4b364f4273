package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.email.EmailToken;
import dev.gatehouse.core.email.EmailTokenPurpose;
import dev.gatehouse.core.email.EmailTokenStore;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EmailTokenStore} must do. Needs accounts {@code ada} and {@code grace}. */
public abstract class EmailTokenStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AccountId ADA = new AccountId("ada");
    private static final AccountId GRACE = new AccountId("grace");

    private EmailTokenStore store;

    protected abstract EmailTokenStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static EmailToken token(char digit, EmailTokenPurpose purpose, AccountId account) {
        return new EmailToken(
                new TokenHash(String.valueOf(digit).repeat(64)),
                purpose,
                account,
                new EmailAddress(account.value() + "@example.com"),
                T0,
                T0.plus(purpose.lifetime()));
    }

    @Test
    void aTokenIsFoundByHashAndPurposeOnly() {
        EmailToken reset = token('1', EmailTokenPurpose.PASSWORD_RESET, ADA);
        store.replace(reset);

        assertThat(store.find(reset.hash(), EmailTokenPurpose.PASSWORD_RESET)).contains(reset);
        assertThat(store.find(reset.hash(), EmailTokenPurpose.VERIFY_ADDRESS)).isEmpty();
    }

    @Test
    void aTokenIsTakenOnce() {
        EmailToken reset = token('1', EmailTokenPurpose.PASSWORD_RESET, ADA);
        store.replace(reset);

        assertThat(store.take(reset.hash(), EmailTokenPurpose.PASSWORD_RESET)).contains(reset);
        assertThat(store.take(reset.hash(), EmailTokenPurpose.PASSWORD_RESET)).isEmpty();
        assertThat(store.find(reset.hash(), EmailTokenPurpose.PASSWORD_RESET)).isEmpty();
    }

    @Test
    void aNewTokenSupersedesTheAccountsOlderOneOfTheSamePurposeOnly() {
        EmailToken older = token('1', EmailTokenPurpose.PASSWORD_RESET, ADA);
        EmailToken verify = token('2', EmailTokenPurpose.VERIFY_ADDRESS, ADA);
        EmailToken graces = token('3', EmailTokenPurpose.PASSWORD_RESET, GRACE);
        EmailToken newer = token('4', EmailTokenPurpose.PASSWORD_RESET, ADA);
        store.replace(older);
        store.replace(verify);
        store.replace(graces);

        store.replace(newer);

        assertThat(store.find(older.hash(), EmailTokenPurpose.PASSWORD_RESET)).isEmpty();
        assertThat(store.find(newer.hash(), EmailTokenPurpose.PASSWORD_RESET)).contains(newer);
        assertThat(store.find(verify.hash(), EmailTokenPurpose.VERIFY_ADDRESS)).contains(verify);
        assertThat(store.find(graces.hash(), EmailTokenPurpose.PASSWORD_RESET)).contains(graces);
    }

    @Test
    void discardingRemovesTheAccountsTokensOfOnePurpose() {
        store.replace(token('1', EmailTokenPurpose.PASSWORD_RESET, ADA));
        store.replace(token('2', EmailTokenPurpose.VERIFY_ADDRESS, ADA));

        assertThat(store.discard(ADA, EmailTokenPurpose.PASSWORD_RESET)).isEqualTo(1);
        assertThat(store.discard(ADA, EmailTokenPurpose.PASSWORD_RESET)).isZero();
        assertThat(store.find(new TokenHash("2".repeat(64)), EmailTokenPurpose.VERIFY_ADDRESS))
                .isPresent();
    }
}
