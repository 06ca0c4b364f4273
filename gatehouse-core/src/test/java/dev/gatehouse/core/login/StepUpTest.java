package dev.gatehouse.core.login;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.factor.IndependentTotp;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Step-up: sensitive acts need a recent authentication, with the second factor when the account has one. */
class StepUpTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final ClientDetails LAPTOP = new ClientDetails("198.51.100.7", "Firefox");
    private static final Actor ADA = Actor.self("198.51.100.7");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);

    private Session signIn() {
        return ((LoginOutcome.LoggedIn) core.logins.login(new LoginAttempt(
                        "ada@example.com",
                        PASSWORD,
                        LAPTOP,
                        Optional.empty(),
                        new LoginAttempt.Browser(Optional.empty()))))
                .session()
                .session();
    }

    private String enrol() {
        String secret = core.factors.beginTotp(ada).orElseThrow().secret();
        core.factors.confirmTotp(ada.id(), IndependentTotp.code(secret, core.clock.instant()), ADA);
        core.clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    @Test
    void aSignInIsRecentForTenMinutesThenThePasswordIsAskedAgain() {
        Session session = signIn();
        core.clock.advance(WINDOW.minusSeconds(1));
        assertThat(core.stepUps.recentlyAuthenticated(session, WINDOW)).isTrue();
        core.clock.advance(Duration.ofSeconds(1));
        assertThat(core.stepUps.recentlyAuthenticated(session, WINDOW)).isFalse();

        assertThat(core.stepUps.stepUp(ada, session, new Password("not the password at all"), Optional.empty(), ADA))
                .isInstanceOf(StepUpOutcome.Refused.class);
        var confirmed = (StepUpOutcome.Confirmed) core.stepUps.stepUp(ada, session, PASSWORD, Optional.empty(), ADA);

        assertThat(confirmed.session().authTime()).isEqualTo(core.clock.instant());
        assertThat(core.stepUps.recentlyAuthenticated(confirmed.session(), WINDOW))
                .isTrue();
        assertThat(core.sessions.findLive(session.id()).orElseThrow().authTime())
                .as("stored, so every node sees it")
                .isEqualTo(core.clock.instant());
    }

    @Test
    void anAccountWithASecondFactorNeedsItsCodeToStepUp() {
        Session passwordOnly = signIn();
        String secret = enrol();
        assertThat(core.stepUps.recentlyAuthenticated(passwordOnly, WINDOW))
                .as("a recent sign-in without the factor the account now has")
                .isFalse();

        assertThat(core.stepUps.stepUp(ada, passwordOnly, PASSWORD, Optional.empty(), ADA))
                .isInstanceOf(StepUpOutcome.Refused.class);
        var confirmed = (StepUpOutcome.Confirmed) core.stepUps.stepUp(
                ada, passwordOnly, PASSWORD, Optional.of(IndependentTotp.code(secret, core.clock.instant())), ADA);

        assertThat(confirmed.session().amr())
                .containsExactlyInAnyOrder(
                        AuthenticationMethod.PWD, AuthenticationMethod.OTP, AuthenticationMethod.MFA);
        assertThat(core.stepUps.recentlyAuthenticated(confirmed.session(), WINDOW))
                .isTrue();
    }

    @Test
    void theRightPasswordWithWrongCodesForgivesNothingSoTheLockOutComes() {
        Session session = signIn();
        String secret = enrol();
        String right = IndependentTotp.code(secret, core.clock.instant());
        Optional<String> wrong = Optional.of(right.equals("000000") ? "111111" : "000000");

        for (int i = 0; i < 5; i++) {
            assertThat(core.stepUps.stepUp(ada, session, PASSWORD, wrong, ADA))
                    .isInstanceOf(StepUpOutcome.Refused.class);
        }

        assertThat(core.stepUps.stepUp(ada, session, PASSWORD, Optional.of(right), ADA))
                .isInstanceOf(StepUpOutcome.Throttled.class);
    }

    @Test
    void theRightCodeWithAWrongPasswordChangesNothingAndIsNoStepUp() {
        Session session = signIn(); // with the password alone, then the factor is added: as in the attack
        String secret = enrol();
        core.clock.advance(WINDOW.plusSeconds(1));
        assertThat(core.stepUps.needsStepUp(session)).isTrue();

        var outcome = core.stepUps.changePassword(
                ada.id(),
                session.id(),
                new Password("not the password at all"),
                new Password("a brand new passphrase here"),
                Optional.of(IndependentTotp.code(secret, core.clock.instant())),
                ADA);

        assertThat(outcome).isInstanceOf(dev.gatehouse.core.account.PasswordChangeOutcome.WrongCurrentPassword.class);
        Session after = core.sessions.findLive(session.id()).orElseThrow();
        assertThat(core.stepUps.needsStepUp(after))
                .as("a code without the password proves nothing more")
                .isTrue();
        assertThat(after.multiFactor()).isFalse();
        assertThat(core.events(dev.gatehouse.core.audit.AuditType.LOGIN_FAILED))
                .anyMatch(event -> "wrong_password".equals(event.details().get("reason")));
    }

    @Test
    void aLockedOutAccountHasNoCodeCheckedAtAPasswordChange() {
        Session session = signIn(); // with the password alone, then the factor is added: as in the attack
        String secret = enrol();
        core.clock.advance(WINDOW.plusSeconds(1));
        for (int i = 0; i < 30; i++) {
            core.logins.login(new LoginAttempt(
                    "ada@example.com",
                    new Password("not the password at all"),
                    new ClientDetails("203.0.113." + (i % 200), "Firefox"),
                    Optional.empty(),
                    new LoginAttempt.Browser(Optional.empty())));
        }

        var outcome = core.stepUps.changePassword(
                ada.id(),
                session.id(),
                PASSWORD,
                new Password("a brand new passphrase here"),
                Optional.of(IndependentTotp.code(secret, core.clock.instant())),
                ADA);

        assertThat(outcome).isInstanceOf(dev.gatehouse.core.account.PasswordChangeOutcome.SecondFactorRequired.class);
        assertThat(core.sessions.findLive(session.id()).orElseThrow().multiFactor())
                .isFalse();
    }
}
