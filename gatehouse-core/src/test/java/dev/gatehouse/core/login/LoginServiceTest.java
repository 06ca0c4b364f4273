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
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one login use case and the owner's own sessions: every rule holds for whichever entry point calls. */
class LoginServiceTest {
    private static final ClientDetails LAPTOP = new ClientDetails("198.51.100.7", "Firefox");
    private static final Password WRONG = new Password("not the password at all");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);

    private LoginOutcome browserLogin(String email, Password password, Optional<String> device, String ip) {
        return core.logins.login(new LoginAttempt(
                email, password, new ClientDetails(ip, "Firefox"), device, new LoginAttempt.Browser(Optional.empty())));
    }

    private Client app(ClientType type, Set<GrantType> grants) {
        return core.clients
                .create(new ClientId("app-" + type), type, grants, List.of())
                .orElseThrow()
                .client();
    }

    @Test
    void aBrowserLoginStartsABrowserSessionAndRecordsIt() {
        var outcome = (LoginOutcome.LoggedIn) browserLogin("Ada@Example.com", PASSWORD, Optional.empty(), "192.0.2.1");

        assertThat(outcome.account().id()).isEqualTo(ada.id());
        assertThat(outcome.session().session().kind()).isEqualTo(SessionKind.BROWSER);
        assertThat(outcome.deviceToken()).isNotBlank();
        assertThat(core.events(AuditType.LOGIN_SUCCEEDED)).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("self");
            assertThat(event.ipAddress()).contains("192.0.2.1");
            assertThat(event.details()).containsEntry("method", "cookie");
        });
    }

    @Test
    void aLoginAtTheSessionCapRecordsTheSessionItEnded() {
        SessionId oldest = core.sessions.start(ada.id(), LAPTOP).session().id();
        for (int i = 1; i < SessionService.MAX_PER_ACCOUNT; i++) {
            core.clock.advance(Duration.ofSeconds(1));
            core.sessions.start(ada.id(), LAPTOP);
        }
        core.clock.advance(Duration.ofSeconds(1));

        var outcome = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");

        assertThat(core.sessions.findLive(oldest)).isEmpty();
        assertThat(outcome.session().endedByCap()).containsExactly(oldest);
        assertThat(core.events(AuditType.SESSION_REVOKED)).singleElement().satisfies(event -> {
            assertThat(event.details())
                    .containsEntry("session_id", oldest.value())
                    .containsEntry("reason", "session_cap");
            assertThat(event.accountId()).contains(ada.id().value());
        });
    }

    @Test
    void everyRefusalLooksTheSameAndIsAuditedWithItsReason() {
        core.admin.lock(core.account("locked@example.com", Role.USER).id(), Actor.SYSTEM);

        assertThat(browserLogin("nobody@example.com", PASSWORD, Optional.empty(), "192.0.2.1"))
                .isEqualTo(new LoginOutcome.Refused());
        assertThat(browserLogin("ada@example.com", WRONG, Optional.empty(), "192.0.2.1"))
                .isEqualTo(new LoginOutcome.Refused());
        assertThat(browserLogin("locked@example.com", PASSWORD, Optional.empty(), "192.0.2.1"))
                .isEqualTo(new LoginOutcome.Refused());
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .extracting(event -> event.details().get("reason"))
                .containsExactly("unknown_account", "wrong_password", "locked");
    }

    @Test
    void strangersGuessingAtAnAccountCannotKeepItsOwnerOut() {
        String device = ((LoginOutcome.LoggedIn)
                        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1"))
                .deviceToken();
        for (int i = 0; i < 8; i++) {
            browserLogin("ada@example.com", WRONG, Optional.empty(), "203.0.113." + i);
        }

        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.empty(), "203.0.113.99"))
                .isInstanceOf(LoginOutcome.Throttled.class);
        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.of(device), "192.0.2.1"))
                .isInstanceOf(LoginOutcome.LoggedIn.class);
        assertThat(core.events(AuditType.ACCOUNT_LOCKED_OUT)).isNotEmpty();
    }

    @Test
    void aDeviceTokenCountsOnlyForTheAccountItWasIssuedFor() {
        core.account("eve@example.com", Role.USER);
        String evesDevice = ((LoginOutcome.LoggedIn)
                        browserLogin("eve@example.com", PASSWORD, Optional.empty(), "192.0.2.5"))
                .deviceToken();
        for (int i = 0; i < 8; i++) {
            browserLogin("ada@example.com", WRONG, Optional.empty(), "203.0.113." + i);
        }

        assertThat(browserLogin("ada@example.com", WRONG, Optional.of(evesDevice), "192.0.2.5"))
                .isInstanceOf(LoginOutcome.Throttled.class);
        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.of("forged.token"), "192.0.2.5"))
                .isInstanceOf(LoginOutcome.Throttled.class);
    }

    @Test
    void aKnownDeviceThatKeepsGuessingIsLockedAlone() {
        String device = ((LoginOutcome.LoggedIn)
                        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1"))
                .deviceToken();
        for (int i = 0; i < 5; i++) {
            browserLogin("ada@example.com", WRONG, Optional.of(device), "192.0.2.1");
        }

        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.of(device), "192.0.2.1"))
                .isInstanceOf(LoginOutcome.Throttled.class);
        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.2"))
                .isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void aNewBrowserLoginEndsTheSessionThatBrowserHadBefore() {
        var first = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");
        SessionToken old = first.session().token();

        core.logins.login(new LoginAttempt(
                "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.Browser(Optional.of(old))));

        assertThat(core.sessions.inspect(old)).isEmpty();
        assertThat(core.sessions.list(ada.id())).hasSize(1);
    }

    @Test
    void onlyFirstPartyAppsWithTheLoginGrantMayLogUsersIn() {
        Client confidential = app(ClientType.CONFIDENTIAL, Set.of(GrantType.LOGIN));
        Client withoutGrant = app(ClientType.FIRST_PARTY, Set.of(GrantType.REFRESH_TOKEN));

        for (Optional<Client> client :
                List.of(Optional.of(confidential), Optional.of(withoutGrant), Optional.<Client>empty())) {
            assertThat(core.logins.login(new LoginAttempt(
                            "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.App(client, ""))))
                    .isEqualTo(new LoginOutcome.InvalidClient());
        }
        assertThat(core.sessions.list(ada.id())).isEmpty();
    }

    @Test
    void aPlainUserCannotGetTheAdminScopeThroughAnAppButAnAdminCan() {
        Client app = app(ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN));
        core.account("root@example.com", Role.ADMIN);

        assertThat(core.logins.login(new LoginAttempt(
                        "ada@example.com",
                        PASSWORD,
                        LAPTOP,
                        Optional.empty(),
                        new LoginAttempt.App(Optional.of(app), "admin"))))
                .isInstanceOf(LoginOutcome.ScopeRefused.class);
        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(core.logins.login(new LoginAttempt(
                        "root@example.com",
                        PASSWORD,
                        LAPTOP,
                        Optional.empty(),
                        new LoginAttempt.App(Optional.of(app), "admin"))))
                .isInstanceOfSatisfying(
                        LoginOutcome.LoggedIn.class,
                        in -> assertThat(in.scope()).isEqualTo("admin"));
    }

    @Test
    void aRefusedScopeIsNoLoginAndForgivesNoFailures() {
        Client app = app(ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN));
        for (int i = 0; i < 4; i++) {
            browserLogin("ada@example.com", WRONG, Optional.empty(), "203.0.113." + i);
        }

        assertThat(core.logins.login(new LoginAttempt(
                        "ada@example.com",
                        PASSWORD,
                        LAPTOP,
                        Optional.empty(),
                        new LoginAttempt.App(Optional.of(app), "admin"))))
                .isInstanceOf(LoginOutcome.ScopeRefused.class);
        browserLogin("ada@example.com", WRONG, Optional.empty(), "203.0.113.9");

        assertThat(core.events(AuditType.LOGIN_FAILED))
                .extracting(event -> event.details().get("reason"))
                .contains("scope_refused");
        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.empty(), "203.0.113.10"))
                .as("the fifth wrong password in a row locks, the scope refusal in between notwithstanding")
                .isInstanceOf(LoginOutcome.Throttled.class);
    }

    @Test
    void anAccountLockedWhileItsPasswordWasCheckedGetsNoSession() {
        core.accountStore.meanwhileAfterNextLookUp(() -> core.admin.lock(ada.id(), Actor.SYSTEM));

        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1"))
                .isInstanceOf(LoginOutcome.Refused.class);
        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(core.events(AuditType.LOGIN_SUCCEEDED)).isEmpty();
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("reason", "locked"));
    }

    @Test
    void aPasswordChangedWhileTheOldOneWasCheckedStartsNoSessionOrTokens() {
        var here = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");
        Client mobile = app(ClientType.FIRST_PARTY, Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN));
        core.accountStore.meanwhileAfterNextLookUp(() -> core.stepUps.changePassword(
                ada.id(),
                here.session().session().id(),
                PASSWORD,
                new Password("seven silver swans swimming"),
                Actor.self("192.0.2.1")));

        var outcome = core.grants.tokenLogin(new LoginAttempt(
                "ada@example.com", PASSWORD, LAPTOP, Optional.empty(), new LoginAttempt.App(Optional.of(mobile), "")));

        assertThat(outcome)
                .isEqualTo(new dev.gatehouse.core.grant.TokenLoginOutcome.NotIssued(new LoginOutcome.Refused()));
        assertThat(core.sessions.list(ada.id()))
                .extracting(s -> s.id())
                .containsExactly(here.session().session().id());
        assertThat(core.events(AuditType.LOGIN_FAILED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("reason", "wrong_password"));
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionAndIsAudited() {
        var here = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");
        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.2");
        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.3");

        var outcome = core.stepUps.changePassword(
                ada.id(),
                here.session().session().id(),
                PASSWORD,
                new Password("seven silver swans swimming"),
                Actor.self("192.0.2.1"));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PasswordChangeOutcome.Changed.class,
                        changed -> assertThat(changed.otherSessionsEnded()).isEqualTo(2));
        assertThat(core.sessions.list(ada.id()))
                .extracting(s -> s.id())
                .containsExactly(here.session().session().id());
        assertThat(core.events(AuditType.PASSWORD_CHANGED)).hasSize(1);
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndEndsNothing() {
        var here = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");
        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.2");

        assertThat(core.stepUps.changePassword(
                        ada.id(),
                        here.session().session().id(),
                        WRONG,
                        new Password("seven silver swans swimming"),
                        Actor.SYSTEM))
                .isInstanceOf(PasswordChangeOutcome.WrongCurrentPassword.class);
        assertThat(core.sessions.list(ada.id())).hasSize(2);
        assertThat(core.events(AuditType.PASSWORD_CHANGED)).isEmpty();
    }

    @Test
    void nobodyEndsAnotherAccountsSession() {
        Account eve = core.account("eve@example.com", Role.USER);
        var adas = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");

        assertThat(core.logins.endSession(eve.id(), adas.session().session().id(), Actor.SYSTEM))
                .isFalse();
        assertThat(core.sessions.list(ada.id())).hasSize(1);
    }

    @Test
    void signingOutEverywhereElseKeepsOnlyTheCurrentSessionAndIsAudited() {
        var here = (LoginOutcome.LoggedIn) browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.1");
        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.2");
        browserLogin("ada@example.com", PASSWORD, Optional.empty(), "192.0.2.3");

        int ended =
                core.logins.endOtherSessions(ada.id(), here.session().session().id(), Actor.self("192.0.2.1"));

        assertThat(ended).isEqualTo(2);
        assertThat(core.sessions.list(ada.id()))
                .extracting(s -> s.id())
                .containsExactly(here.session().session().id());
        assertThat(core.events(AuditType.SESSION_REVOKED)).singleElement().satisfies(event -> {
            assertThat(event.details()).containsEntry("scope", "others").containsEntry("count", "2");
        });
    }

    @Test
    void confirmingTheRightPasswordStartsNoSessionAndRecordsNoFailure() {
        Actor self = Actor.admin(ada.id().value(), "198.51.100.7");

        assertThat(core.stepUps.confirmPassword(ada, PASSWORD, self))
                .isInstanceOf(PasswordConfirmation.Confirmed.class);

        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(core.events(AuditType.LOGIN_FAILED)).isEmpty();
    }

    @Test
    void aWrongConfirmationIsAFailedLoginAndCountsTowardTheLockOut() {
        Actor self = Actor.admin(ada.id().value(), "198.51.100.7");

        assertThat(core.stepUps.confirmPassword(ada, WRONG, self)).isInstanceOf(PasswordConfirmation.Refused.class);
        assertThat(core.events(AuditType.LOGIN_FAILED)).singleElement().satisfies(event -> {
            assertThat(event.accountId()).contains(ada.id().value());
            assertThat(event.details())
                    .containsEntry("method", "password_confirmation")
                    .containsEntry("reason", "wrong_password");
        });

        for (int i = 0; i < 4; i++) {
            core.stepUps.confirmPassword(ada, WRONG, self);
        }
        assertThat(core.stepUps.confirmPassword(ada, PASSWORD, self))
                .as("five failures lock the account out, for the confirmation as for the sign-in form")
                .isInstanceOf(PasswordConfirmation.Throttled.class);
        assertThat(browserLogin("ada@example.com", PASSWORD, Optional.empty(), "203.0.113.9"))
                .isInstanceOf(LoginOutcome.Throttled.class);
    }
}
