package dev.gatehouse.core.grant;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.factor.IndependentTotp;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.SecondFactorAttempt;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.testing.CoreServices;
import dev.gatehouse.core.token.BearerCheck;
import dev.gatehouse.jwt.AccessTokenClaims;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Access tokens say how and when their session's person authenticated: {@code amr} and {@code auth_time}. */
class AuthenticationClaimsTest {
    private static final ClientDetails PHONE = new ClientDetails("203.0.113.5", "Orders/1.0");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);
    private final Client mobile = core.clients
            .create(
                    new ClientId("mobile"),
                    ClientType.FIRST_PARTY,
                    new NewClientSettings(
                            Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN), List.of("orders-api"), Set.of(), false))
            .orElseThrow()
            .client();

    private AccessTokenClaims claimsOf(GrantOutcome.Issued issued) {
        var check = core.accessTokens.verify(issued.accessToken().value(), "orders-api");
        return ((BearerCheck.Valid) check).claims();
    }

    private TokenLoginOutcome appLogin() {
        return core.grants.tokenLogin(new LoginAttempt(
                "ada@example.com", PASSWORD, PHONE, Optional.empty(), new LoginAttempt.App(Optional.of(mobile), "")));
    }

    @Test
    void aPasswordLoginsTokensSayPwdAndWhen() {
        Instant signedIn = core.clock.instant().truncatedTo(ChronoUnit.SECONDS);

        var issued = (TokenLoginOutcome.Issued) appLogin();

        AccessTokenClaims claims = claimsOf(issued.tokens());
        assertThat(claims.amr()).containsExactly("pwd");
        assertThat(claims.authTime()).contains(signedIn);
    }

    @Test
    void aSecondFactorLoginsTokensSayPwdOtpMfaAndKeepTheTimeThroughRefreshes() {
        String secret = core.factors.beginTotp(ada).orElseThrow().secret();
        core.factors.confirmTotp(ada.id(), IndependentTotp.code(secret, core.clock.instant()), Actor.SYSTEM);
        core.clock.advance(Duration.ofSeconds(30));
        var required = (LoginOutcome.SecondFactorRequired) ((TokenLoginOutcome.NotIssued) appLogin()).outcome();
        core.clock.advance(Duration.ofSeconds(20));
        Instant completed = core.clock.instant().truncatedTo(ChronoUnit.SECONDS);

        var issued = (TokenLoginOutcome.Issued) core.grants.tokenLoginSecondFactor(new SecondFactorAttempt(
                required.token().reveal(),
                new SecondFactorAttempt.TotpCode(IndependentTotp.code(secret, core.clock.instant())),
                PHONE,
                Optional.empty(),
                new LoginAttempt.App(Optional.of(mobile), "")));

        assertThat(claimsOf(issued.tokens()).amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(claimsOf(issued.tokens()).authTime()).contains(completed);

        core.clock.advance(Duration.ofMinutes(30));
        var refreshed = (GrantOutcome.Issued)
                core.grants.refresh(mobile, issued.tokens().refreshToken().orElseThrow(), PHONE);
        assertThat(claimsOf(refreshed).amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(claimsOf(refreshed).authTime())
                .as("the sign-in's time, not the refresh's")
                .contains(completed);
    }

    @Test
    void anAppsPendingLoginCannotBeCompletedByAnotherApp() {
        String secret = core.factors.beginTotp(ada).orElseThrow().secret();
        core.factors.confirmTotp(ada.id(), IndependentTotp.code(secret, core.clock.instant()), Actor.SYSTEM);
        core.clock.advance(Duration.ofSeconds(30));
        var required = (LoginOutcome.SecondFactorRequired) ((TokenLoginOutcome.NotIssued) appLogin()).outcome();
        Client other = core.clients
                .create(
                        new ClientId("other"),
                        ClientType.FIRST_PARTY,
                        new NewClientSettings(Set.of(GrantType.LOGIN), List.of(), Set.of(), false))
                .orElseThrow()
                .client();

        TokenLoginOutcome outcome = core.grants.tokenLoginSecondFactor(new SecondFactorAttempt(
                required.token().reveal(),
                new SecondFactorAttempt.TotpCode(IndependentTotp.code(secret, core.clock.instant())),
                PHONE,
                Optional.empty(),
                new LoginAttempt.App(Optional.of(other), "")));

        assertThat(outcome).isInstanceOf(TokenLoginOutcome.NotIssued.class);
    }
}
