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
import dev.gatehouse.core.passkey.RegistrationOutcome;
import dev.gatehouse.core.passkey.RegistrationResponse;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A passkey as the second factor after the password, and as the step-up before a sensitive act: an
 * account whose only factor is a passkey is asked for it, its own passkeys only count, and the session's
 * amr says what was shown.
 */
class PasskeySecondFactorTest {
    private static final ClientDetails LAPTOP = new ClientDetails("198.51.100.7", "Firefox");
    private static final Actor ADA = Actor.self("198.51.100.7");
    private static final PasskeyId ADAS_KEY = new PasskeyId("YWRhcy1rZXk");
    private static final PasskeyId BOBS_KEY = new PasskeyId("Ym9icy1rZXk");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);
    private final Account bob = core.account("bob@example.com", Role.USER);

    @BeforeEach
    void bothRegisterAPasskey() {
        register(ada, ADAS_KEY);
        register(bob, BOBS_KEY);
    }

    private void register(Account account, PasskeyId key) {
        CeremonyStart start = core.passkeys.beginRegistration(account.id());
        assertThat(core.passkeys.finishRegistration(
                        account.id(),
                        start.bindingToken(),
                        "Laptop",
                        new RegistrationResponse("{}", key.value(), List.of("internal")),
                        ADA))
                .isInstanceOf(RegistrationOutcome.Registered.class);
    }

    private LoginOutcome.SecondFactorRequired password() {
        return (LoginOutcome.SecondFactorRequired) core.logins.login(new LoginAttempt(
                "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.Browser(Optional.empty())));
    }

    private LoginOutcome complete(LoginOutcome.SecondFactorRequired pending, PasskeyId key, String signature) {
        CeremonyStart start =
                core.logins.beginPasskeySecondFactor(pending.token().reveal()).orElseThrow();
        return core.logins.completeLogin(new SecondFactorAttempt(
                pending.token().reveal(),
                new SecondFactorAttempt.PasskeyAssertion(
                        start.bindingToken(), new AssertionResponse(key, "{}", "1", signature, Optional.empty())),
                LAPTOP,
                Optional.empty(),
                new LoginAttempt.Browser(Optional.empty())));
    }

    @Test
    void anAccountWhoseOnlyFactorIsAPasskeyIsAskedForItAfterThePassword() {
        LoginOutcome.SecondFactorRequired pending = password();

        assertThat(pending.methods()).containsExactly("passkey");
        assertThat(core.logins.pendingLoginMethods(pending.token().reveal())).containsExactly("passkey");
        assertThat(core.sessions.list(ada.id())).isEmpty();
    }

    @Test
    void theChallengeAfterThePasswordAllowsTheAccountsOwnPasskeysOnly() {
        CeremonyStart start = core.logins
                .beginPasskeySecondFactor(password().token().reveal())
                .orElseThrow();

        assertThat(start.credentials()).containsExactly(ADAS_KEY);
        assertThat(core.logins.beginPasskeySecondFactor("not-a-pending-login")).isEmpty();
    }

    @Test
    void theAccountsPasskeyCompletesTheSignInAsPasswordKeyAndMfa() {
        var loggedIn = (LoginOutcome.LoggedIn) complete(password(), ADAS_KEY, "no-uv");

        // Possession of the key after the password is two factors, with or without the key's own PIN.
        assertThat(loggedIn.session().session().amr())
                .containsExactlyInAnyOrder(
                        AuthenticationMethod.PWD, AuthenticationMethod.HWK, AuthenticationMethod.MFA);
        assertThat(core.events(AuditType.LOGIN_SUCCEEDED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("amr", "pwd hwk mfa"));
    }

    @Test
    void anotherAccountsPasskeyIsRefusedAndCountedAsAFailedSignIn() {
        LoginOutcome.SecondFactorRequired pending = password();

        assertThat(complete(pending, BOBS_KEY, "uv")).isInstanceOf(LoginOutcome.Refused.class);

        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(core.sessions.list(bob.id())).isEmpty();
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "wrong_passkey"));
        // The pending login lives on for a right answer, within its tries.
        assertThat(complete(pending, ADAS_KEY, "uv")).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void aUserVerifiedPasskeyStepsUpASessionThatShowedThePasswordOnly() {
        Session session = ((LoginOutcome.LoggedIn) complete(password(), ADAS_KEY, "uv"))
                .session()
                .session();
        core.clock.advance(StepUpService.STEP_UP_WINDOW.plus(Duration.ofSeconds(1)));
        assertThat(core.stepUps.recentlyAuthenticated(session, StepUpService.STEP_UP_WINDOW))
                .isFalse();

        var confirmed = (StepUpOutcome.Confirmed) stepUp(session, ADAS_KEY, "2", "uv");

        assertThat(confirmed.session().amr())
                .containsExactlyInAnyOrder(AuthenticationMethod.HWK, AuthenticationMethod.MFA);
        assertThat(core.stepUps.recentlyAuthenticated(confirmed.session(), StepUpService.STEP_UP_WINDOW))
                .isTrue();
    }

    @Test
    void aStepUpRefusesAPasskeyWithoutUserVerificationAndAnotherAccountsPasskey() {
        Session session = ((LoginOutcome.LoggedIn) complete(password(), ADAS_KEY, "uv"))
                .session()
                .session();

        assertThat(stepUp(session, ADAS_KEY, "2", "no-uv")).isInstanceOf(StepUpOutcome.Refused.class);
        assertThat(stepUp(session, BOBS_KEY, "1", "uv")).isInstanceOf(StepUpOutcome.Refused.class);
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .extracting(e -> e.details().get("reason"))
                .containsExactly("passkey_without_user_verification", "passkey_refused");
    }

    private StepUpOutcome stepUp(Session session, PasskeyId key, String counter, String signature) {
        CeremonyStart start = core.passkeys.beginSecondFactor(ada.id());
        return core.stepUps.stepUpWithPasskey(
                ada,
                session,
                start.bindingToken(),
                new AssertionResponse(key, "{}", counter, signature, Optional.empty()),
                ADA);
    }
}
