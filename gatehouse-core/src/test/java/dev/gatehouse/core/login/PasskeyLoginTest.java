package dev.gatehouse.core.login;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.CeremonyStart;
import dev.gatehouse.core.passkey.PasskeyId;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.passkey.RegistrationOutcome;
import dev.gatehouse.core.passkey.RegistrationResponse;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.testing.CoreServices;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signing in with a passkey and no password: the session, its amr, and the refusals the core decides. */
class PasskeyLoginTest {
    private static final ClientDetails LAPTOP = new ClientDetails("198.51.100.7", "Firefox");
    private static final PasskeyId CREDENTIAL = new PasskeyId("Y3JlZGVudGlhbA");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);

    @BeforeEach
    void adaRegistersAPasskey() {
        CeremonyStart start = core.passkeys.beginRegistration(ada.id());
        assertThat(core.passkeys.finishRegistration(
                        ada.id(),
                        start.bindingToken(),
                        " Laptop ",
                        new RegistrationResponse("{}", CREDENTIAL.value(), List.of("internal")),
                        Actor.self("192.0.2.1")))
                .isInstanceOf(RegistrationOutcome.Registered.class);
    }

    private LoginOutcome signIn(long counter, String signature) {
        CeremonyStart start = core.passkeys.beginSignIn();
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(PasskeyService.userHandle(ada.id()));
        return core.logins.loginWithPasskey(new PasskeyLoginAttempt(
                start.bindingToken(),
                new AssertionResponse(CREDENTIAL, "{}", Long.toString(counter), signature, Optional.of(handle)),
                LAPTOP,
                Optional.empty(),
                Optional.empty()));
    }

    @Test
    void aUserVerifiedPasskeyStartsASessionWithHwkAndMfa() {
        var loggedIn = (LoginOutcome.LoggedIn) signIn(1, "uv");

        assertThat(loggedIn.account().id()).isEqualTo(ada.id());
        assertThat(loggedIn.session().session().amr())
                .containsExactlyInAnyOrder(AuthenticationMethod.HWK, AuthenticationMethod.MFA);
        assertThat(core.events(AuditType.LOGIN_SUCCEEDED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("amr", "hwk mfa"));
        assertThat(core.passkeys.passkeys(ada.id()).getFirst().name()).isEqualTo("Laptop");
    }

    @Test
    void withoutUserVerificationNoSessionStarts() {
        assertThat(signIn(1, "no-uv")).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("method", "passkey"));
    }

    @Test
    void aCounterThatDoesNotAdvanceIsRefusedAsAPossibleClone() {
        assertThat(signIn(5, "uv")).isInstanceOf(LoginOutcome.LoggedIn.class);

        assertThat(signIn(5, "uv")).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(core.events(AuditType.PASSKEY_CLONE_SUSPECTED)).hasSize(1);
    }

    @Test
    void aLockedAccountCannotSignInWithItsPasskey() {
        core.admin.lock(ada.id(), Actor.CLI);

        assertThat(signIn(1, "uv")).isInstanceOf(LoginOutcome.Refused.class);
    }

    @Test
    void anAdministratorsResetAlsoRemovesThePasskeys() {
        assertThat(core.factors.reset(ada.id(), Actor.admin("admin-1", "192.0.2.9")))
                .isTrue();

        assertThat(core.passkeys.passkeys(ada.id())).isEmpty();
        assertThat(signIn(1, "uv")).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(core.events(AuditType.SECOND_FACTORS_RESET))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("passkeys", "1"));
    }

    @Test
    void askingForSignInChallengesCountsAgainstTheAddresssLoginWindow() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(core.logins.beginPasskeySignIn("203.0.113.9")).isInstanceOf(PasskeyStart.Started.class);
        }

        assertThat(core.logins.beginPasskeySignIn("203.0.113.9")).isInstanceOf(PasskeyStart.Throttled.class);
        assertThat(core.logins.beginPasskeySignIn("203.0.113.10")).isInstanceOf(PasskeyStart.Started.class);
    }

    @Test
    void anUnconfirmedAddressSignsInWithAPasskeyNoMoreThanWithAPassword() {
        Account bo = ((dev.gatehouse.core.account.SignUpOutcome.Created)
                        core.accounts.signUp("bo@example.com", PASSWORD, Role.USER, Actor.self("192.0.2.2")))
                .account();
        assertThat(bo.emailVerified()).isFalse();
        PasskeyId credential = new PasskeyId("Ym8tY3JlZGVudGlhbA");
        CeremonyStart registration = core.passkeys.beginRegistration(bo.id());
        core.passkeys.finishRegistration(
                bo.id(),
                registration.bindingToken(),
                "Phone",
                new RegistrationResponse("{}", credential.value(), List.of("internal")),
                Actor.self("192.0.2.2"));
        LoginService requiringConfirmedAddresses = new LoginService(
                core.accounts,
                core.sessions,
                core.limiter,
                core.devices,
                core.audit,
                core.transactions,
                core.emailTokens,
                true,
                core.factors,
                new PendingLogins(core.pendingLoginStore, core.clock, core.random),
                core.passkeys);

        CeremonyStart start = core.passkeys.beginSignIn();
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(PasskeyService.userHandle(bo.id()));
        LoginOutcome outcome = requiringConfirmedAddresses.loginWithPasskey(new PasskeyLoginAttempt(
                start.bindingToken(),
                new AssertionResponse(credential, "{}", "1", "uv", Optional.of(handle)),
                LAPTOP,
                Optional.empty(),
                Optional.empty()));

        assertThat(outcome).isInstanceOf(LoginOutcome.EmailNotVerified.class);
        assertThat(core.sessions.list(bo.id())).isEmpty();
    }
}
