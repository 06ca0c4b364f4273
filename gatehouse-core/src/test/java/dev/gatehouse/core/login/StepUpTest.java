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
}
