package dev.gatehouse.core.login;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordChangeOutcome;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.factor.ConfirmOutcome;
import dev.gatehouse.core.factor.IndependentTotp;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.testing.CoreServices;
import dev.gatehouse.core.token.BearerCheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing in with a password and a second factor: the pending login between the two steps. */
class SecondFactorLoginTest {
    private static final ClientDetails LAPTOP = new ClientDetails("198.51.100.7", "Firefox");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);
    private String secret = "";
    private List<String> recoveryCodes = List.of();

    @BeforeEach
    void adaHasAnAuthenticatorApp() {
        secret = core.factors.beginTotp(ada).orElseThrow().secret();
        var confirmed = (ConfirmOutcome.Confirmed) core.factors.confirmTotp(
                ada.id(), IndependentTotp.code(secret, core.clock.instant()), Actor.self("192.0.2.1"));
        recoveryCodes = confirmed.recoveryCodes();
        // The enrolment code's step is used: sign-ins below start in a later step.
        core.clock.advance(Duration.ofSeconds(30));
    }

    private LoginOutcome browserLogin() {
        return core.logins.login(new LoginAttempt(
                "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.Browser(Optional.empty())));
    }

    /** Ada changes her password from {@code here}, showing {@code code} as the step-up asks. */
    private PasswordChangeOutcome changePassword(LoginOutcome.LoggedIn here, String code) {
        return core.stepUps.changePassword(
                ada.id(),
                here.session().session().id(),
                PASSWORD,
                new Password("seven silver swans swimming"),
                Optional.of(code),
                Actor.self("192.0.2.1"));
    }

    private LoginOutcome.SecondFactorRequired password() {
        LoginOutcome outcome = browserLogin();
        assertThat(outcome).isInstanceOf(LoginOutcome.SecondFactorRequired.class);
        return (LoginOutcome.SecondFactorRequired) outcome;
    }

    private LoginOutcome complete(LoginOutcome.SecondFactorRequired pending, SecondFactorAttempt.Proof proof) {
        return core.logins.completeLogin(new SecondFactorAttempt(
                pending.token().reveal(), proof, LAPTOP, Optional.empty(), new LoginAttempt.Browser(Optional.empty())));
    }

    private SecondFactorAttempt.TotpCode currentCode() {
        return new SecondFactorAttempt.TotpCode(IndependentTotp.code(secret, core.clock.instant()));
    }

    private SecondFactorAttempt.TotpCode wrongCode() {
        String right = IndependentTotp.code(secret, core.clock.instant());
        return new SecondFactorAttempt.TotpCode(right.equals("000000") ? "111111" : "000000");
    }

    @Test
    void theRightPasswordAloneStartsNoSession() {
        LoginOutcome.SecondFactorRequired pending = password();

        assertThat(pending.methods()).containsExactly("totp", "recovery_code");
        assertThat(pending.expiresAt()).isEqualTo(core.clock.instant().plus(PendingLogins.LIFETIME));
        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(core.events(AuditType.LOGIN_SUCCEEDED)).isEmpty();
    }

    @Test
    void theRightCodeCompletesTheSignInWithPasswordAndCodeAsItsMethods() {
        LoginOutcome.SecondFactorRequired pending = password();
        core.clock.advance(Duration.ofSeconds(7));

        var loggedIn = (LoginOutcome.LoggedIn) complete(pending, currentCode());

        var session = loggedIn.session().session();
        assertThat(session.amr())
                .containsExactlyInAnyOrder(
                        AuthenticationMethod.PWD, AuthenticationMethod.OTP, AuthenticationMethod.MFA);
        assertThat(session.authTime()).isEqualTo(core.clock.instant());
        assertThat(core.events(AuditType.LOGIN_SUCCEEDED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("amr", "pwd otp mfa"));
    }

    @Test
    void aPendingLoginIsUsedOnce() {
        LoginOutcome.SecondFactorRequired pending = password();
        assertThat(complete(pending, currentCode())).isInstanceOf(LoginOutcome.LoggedIn.class);
        core.clock.advance(Duration.ofSeconds(30));

        assertThat(complete(pending, currentCode())).isInstanceOf(LoginOutcome.SignInAgain.class);
        assertThat(core.sessions.list(ada.id())).hasSize(1);
    }

    @Test
    void aPendingLoginExpires() {
        LoginOutcome.SecondFactorRequired pending = password();
        core.clock.advance(PendingLogins.LIFETIME);

        assertThat(complete(pending, currentCode())).isInstanceOf(LoginOutcome.SignInAgain.class);
        assertThat(core.pendingLoginStore.size()).as("deleted on sight").isZero();
    }

    @Test
    void aPendingLoginIsNeitherASessionNorABearerToken() {
        String token = password().token().reveal();

        assertThat(token).startsWith("mfa_");
        assertThat(SessionToken.parse(token)).isEmpty();
        assertThat(SessionToken.parse(token.substring(4)).map(core.sessions::check))
                .hasValueSatisfying(check ->
                        assertThat(check).isNotInstanceOf(dev.gatehouse.core.session.SessionCheck.Active.class));
        assertThat(core.accessTokens.verify(token, "any")).isInstanceOf(BearerCheck.Rejected.class);
    }

    @Test
    void aCodeOfTheSameStepIsNotAcceptedTwice() {
        SecondFactorAttempt.TotpCode code = currentCode();
        assertThat(complete(password(), code)).isInstanceOf(LoginOutcome.LoggedIn.class);

        assertThat(complete(password(), code)).isInstanceOf(LoginOutcome.Refused.class);
    }

    @Test
    void wrongCodesCountTowardsLockOutLikeWrongPasswords() {
        LoginOutcome.SecondFactorRequired pending = password();
        for (int i = 0; i < 5; i++) {
            assertThat(complete(pending, wrongCode())).isInstanceOf(LoginOutcome.Refused.class);
        }

        assertThat(complete(pending, currentCode())).isInstanceOf(LoginOutcome.Throttled.class);
        assertThat(browserLogin()).isInstanceOf(LoginOutcome.Throttled.class);
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "wrong_totp"));
        assertThat(core.events(AuditType.ACCOUNT_LOCKED_OUT)).isNotEmpty();
    }

    @Test
    void aPendingLoginHasFewTries() {
        LoginOutcome.SecondFactorRequired pending = password();
        for (int i = 0; i < PendingLogins.MAX_ATTEMPTS; i++) {
            complete(pending, wrongCode());
        }
        // Past the lock-out the five failures earned, the pending login itself is used up.
        core.clock.advance(Duration.ofSeconds(31));

        assertThat(complete(pending, currentCode())).isInstanceOf(LoginOutcome.SignInAgain.class);
        assertThat(core.sessions.list(ada.id())).isEmpty();
    }

    @Test
    void aRecoveryCodeCompletesTheSignInOnce() {
        String code = recoveryCodes.get(2);

        var loggedIn = (LoginOutcome.LoggedIn) complete(password(), new SecondFactorAttempt.RecoveryCode(code));

        assertThat(loggedIn.session().session().amr()).contains(AuthenticationMethod.OTP, AuthenticationMethod.MFA);
        assertThat(core.events(AuditType.RECOVERY_CODE_USED)).hasSize(1);
        assertThat(complete(password(), new SecondFactorAttempt.RecoveryCode(code)))
                .isInstanceOf(LoginOutcome.Refused.class);
    }

    @Test
    void aBrowsersPendingLoginCannotBeCompletedByAnApp() {
        LoginOutcome.SecondFactorRequired pending = password();

        LoginOutcome outcome = core.logins.completeLogin(new SecondFactorAttempt(
                pending.token().reveal(),
                currentCode(),
                LAPTOP,
                Optional.empty(),
                new LoginAttempt.App(Optional.empty(), "")));

        assertThat(outcome).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(core.sessions.list(ada.id())).isEmpty();
    }

    @Test
    void anAppMadeAgainUnderTheSameIdCannotCompleteAPendingLoginOfTheOldOne() {
        ClientId id = new ClientId("tmpapp");
        Client before = core.clients
                .create(id, ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN), List.of())
                .orElseThrow()
                .client();
        LoginOutcome started = core.logins.login(new LoginAttempt(
                "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.App(Optional.of(before), "")));
        var pending = (LoginOutcome.SecondFactorRequired) started;
        // Deleted and made again under the same id, with the same grants, within the pending login's life.
        core.clients.delete(id);
        core.clock.advance(Duration.ofSeconds(1));
        Client after = core.clients
                .create(id, ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN), List.of())
                .orElseThrow()
                .client();

        LoginOutcome outcome = core.logins.completeLogin(new SecondFactorAttempt(
                pending.token().reveal(),
                currentCode(),
                LAPTOP,
                Optional.empty(),
                new LoginAttempt.App(Optional.of(after), "")));

        assertThat(outcome).isInstanceOf(LoginOutcome.InvalidClient.class);
        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(core.pendingLoginStore.size())
                .as("the pending login ended with its client")
                .isZero();
    }

    @Test
    void anAppThatLostTheLoginGrantCannotCompleteItsPendingLogin() {
        ClientId id = new ClientId("shrinking");
        Client before = core.clients
                .create(id, ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN), List.of())
                .orElseThrow()
                .client();
        var pending = (LoginOutcome.SecondFactorRequired) core.logins.login(new LoginAttempt(
                "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.App(Optional.of(before), "")));
        core.clients.delete(id);
        Client after = core.clients
                .create(id, ClientType.FIRST_PARTY, Set.of(GrantType.REFRESH_TOKEN), List.of())
                .orElseThrow()
                .client();

        assertThat(core.logins.completeLogin(new SecondFactorAttempt(
                        pending.token().reveal(),
                        currentCode(),
                        LAPTOP,
                        Optional.empty(),
                        new LoginAttempt.App(Optional.of(after), ""))))
                .isInstanceOf(LoginOutcome.InvalidClient.class);
        assertThat(core.sessions.list(ada.id())).isEmpty();
    }

    @Test
    void aPasswordChangeEndsThePendingLoginsThatTheOldPasswordStarted() {
        var here = (LoginOutcome.LoggedIn) complete(password(), currentCode());
        LoginOutcome.SecondFactorRequired pending = password();
        core.clock.advance(Duration.ofSeconds(30));
        assertThat(changePassword(here, currentCode().code())).isInstanceOf(PasswordChangeOutcome.Changed.class);
        core.clock.advance(Duration.ofSeconds(30));

        assertThat(complete(pending, currentCode())).isInstanceOf(LoginOutcome.SignInAgain.class);
        assertThat(core.sessions.list(ada.id())).hasSize(1);
    }

    @Test
    void aPasswordChangedWhileTheOldOneWasCheckedStartsNoPendingLogin() {
        var here = (LoginOutcome.LoggedIn) complete(password(), currentCode());
        core.clock.advance(Duration.ofSeconds(30));
        String code = currentCode().code();
        core.accountStore.meanwhileAfterNextLookUp(() -> changePassword(here, code));

        assertThat(browserLogin()).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(core.events(AuditType.PASSWORD_CHANGED)).hasSize(1);
        assertThat(core.pendingLoginStore.size()).isZero();
    }
}
