package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.oidc.AuthorizationCode;
import dev.gatehouse.core.oidc.AuthorizationCodeStore;
import dev.gatehouse.core.secret.Sha256;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.TokenHash;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AuthorizationCodeStore} must do: keep every binding, hand a code out once. */
public abstract class AuthorizationCodeStoreContract {
    protected static final SessionId SESSION = new SessionId("s1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.5Z");

    private AuthorizationCodeStore store;

    /** A new, empty store in which the browser session {@link #SESSION} (of account {@code ada}) exists. */
    protected abstract AuthorizationCodeStore newStore();

    /** Ends the session {@link #SESSION} the way a sign-out does. */
    protected abstract void deleteSession();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static AuthorizationCode code(String secret, Optional<String> nonce) {
        return new AuthorizationCode(
                new TokenHash(Sha256.hex(secret)),
                new ClientId("shop"),
                "https://shop.example/callback",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                nonce,
                SESSION,
                new AccountId("ada"),
                "openid email",
                T0,
                T0.plusSeconds(60));
    }

    @Test
    void keepsEveryBinding() {
        store.insert(code("c1", Optional.of("n-0S6_WzA2Mj")));
        store.insert(code("c2", Optional.empty()));

        assertThat(store.find(new TokenHash(Sha256.hex("c1")))).contains(code("c1", Optional.of("n-0S6_WzA2Mj")));
        assertThat(store.find(new TokenHash(Sha256.hex("c2")))).contains(code("c2", Optional.empty()));
    }

    @Test
    void handsACodeOutOnlyOnce() {
        store.insert(code("c1", Optional.empty()));
        TokenHash hash = new TokenHash(Sha256.hex("c1"));

        assertThat(store.take(hash, T0.plusSeconds(1))).contains(code("c1", Optional.empty()));
        assertThat(store.take(hash, T0.plusSeconds(2))).isEmpty();
        assertThat(store.find(hash)).isPresent();
        assertThat(store.take(new TokenHash(Sha256.hex("unknown")), T0)).isEmpty();
    }

    @Test
    void deletesExpiredCodesOnly() {
        store.insert(code("c1", Optional.empty()));

        assertThat(store.deleteExpired(T0.plusSeconds(60))).isZero();
        assertThat(store.deleteExpired(T0.plusSeconds(61))).isEqualTo(1);
        assertThat(store.find(new TokenHash(Sha256.hex("c1")))).isEmpty();
    }

    @Test
    void codesDieWithTheirSession() {
        store.insert(code("c1", Optional.empty()));

        deleteSession();

        assertThat(store.find(new TokenHash(Sha256.hex("c1")))).isEmpty();
    }
}
