package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCookieTest {
    private final SessionToken token = SessionToken.random(RandomSource.secure());

    @Test
    void writesEveryAttributeAndNoDomain() {
        assertThat(SessionCookie.set(token, Duration.ofHours(8)))
                .isEqualTo("__Host-gatehouse=" + token.reveal()
                        + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=28800");
        assertThat(SessionCookie.cleared())
                .isEqualTo("__Host-gatehouse=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0");
    }

    @Test
    void readsTheTokenAmongOtherCookies() {
        assertThat(SessionCookie.read(List.of("theme=dark; __Host-gatehouse=" + token.reveal() + "; lang=en")))
                .get()
                .extracting(SessionToken::reveal)
                .isEqualTo(token.reveal());
    }

    @Test
    void readsNothingFromMalformedOrDuplicatedCookies() {
        assertThat(SessionCookie.read(List.of())).isEmpty();
        assertThat(SessionCookie.read(List.of("__Host-gatehouse=short"))).isEmpty();
        assertThat(SessionCookie.read(List.of("gatehouse=" + token.reveal()))).isEmpty();
        assertThat(SessionCookie.read(
                        List.of("__Host-gatehouse=" + token.reveal(), "__Host-gatehouse=" + token.reveal())))
                .isEmpty();
    }
}
