package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionToken;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsrfPolicyTest {
    private final CsrfPolicy policy = new CsrfPolicy("https://auth.example.com", List.of("https://app.example.com"));
    private final SessionToken session = SessionToken.random(RandomSource.secure());

    @Test
    void acceptsTheIssuersOriginAndAllowedOriginsOnly() {
        assertThat(policy.checkOrigin(Optional.of("https://auth.example.com"), Optional.empty()))
                .isEmpty();
        assertThat(policy.checkOrigin(Optional.of("https://app.example.com"), Optional.of("cross-site")))
                .isEmpty();
        assertThat(policy.checkOrigin(Optional.of("https://evil.example"), Optional.of("same-origin")))
                .isPresent();
        assertThat(policy.checkOrigin(Optional.of("null"), Optional.empty())).isPresent();
        assertThat(policy.checkOrigin(Optional.of("http://auth.example.com"), Optional.empty()))
                .isPresent();
        assertThat(policy.checkOrigin(Optional.of("https://auth.example.com.evil.example"), Optional.empty()))
                .isPresent();
        assertThat(policy.checkOrigin(Optional.of("https://sub.auth.example.com"), Optional.empty()))
                .isPresent();
    }

    @Test
    void fallsBackToFetchMetadataWithoutAnOrigin() {
        assertThat(policy.checkOrigin(Optional.empty(), Optional.of("same-origin")))
                .isEmpty();
        assertThat(policy.checkOrigin(Optional.empty(), Optional.of("same-site")))
                .isPresent();
        assertThat(policy.checkOrigin(Optional.empty(), Optional.of("cross-site")))
                .isPresent();
        assertThat(policy.checkOrigin(Optional.empty(), Optional.of("none"))).isPresent();
    }

    @Test
    void letsNonBrowsersThroughTheOriginCheckButNotTheTokenCheck() {
        assertThat(policy.checkOrigin(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(policy.checkCookieRequest(Optional.empty(), Optional.empty(), Optional.empty(), session))
                .isPresent();
    }

    @Test
    void needsTheSessionsOwnCsrfToken() {
        Optional<String> origin = Optional.of("https://auth.example.com");
        SessionToken other = SessionToken.random(RandomSource.secure());

        assertThat(policy.checkCookieRequest(origin, Optional.empty(), Optional.of(session.csrfToken()), session))
                .isEmpty();
        assertThat(policy.checkCookieRequest(origin, Optional.empty(), Optional.of(other.csrfToken()), session))
                .isPresent();
        assertThat(policy.checkCookieRequest(origin, Optional.empty(), Optional.of(""), session))
                .isPresent();
        assertThat(policy.checkCookieRequest(
                        Optional.of("https://evil.example"),
                        Optional.empty(),
                        Optional.of(session.csrfToken()),
                        session))
                .isPresent();
    }
}
