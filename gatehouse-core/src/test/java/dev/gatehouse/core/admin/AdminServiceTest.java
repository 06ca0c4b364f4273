package dev.gatehouse.core.admin;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.grant.GrantOutcome;
import dev.gatehouse.core.grant.Introspection;
import dev.gatehouse.core.grant.TokenLoginOutcome;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.oidc.Consent;
import dev.gatehouse.core.revocation.Revocation;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.testing.CoreServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What administrators do ends what it must end, forgives what it must forgive, and is audited. */
class AdminServiceTest {
    private static final ClientDetails PHONE = new ClientDetails("198.51.100.7", "OrdersApp/3.1");
    private static final Actor ADMIN = Actor.admin("root", "192.0.2.50");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);
    private final Client mobile = core.clients
            .create(
                    new ClientId("mobile"),
                    ClientType.FIRST_PARTY,
                    Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                    List.of())
            .orElseThrow()
            .client();

    private LoginOutcome login(Password password, String ip) {
        return core.logins.login(new LoginAttempt(
                "ada@example.com",
                password,
                new ClientDetails(ip, "Firefox"),
                Optional.empty(),
                new LoginAttempt.Browser(Optional.empty())));
    }

    private TokenLoginOutcome.Issued appLogin() {
        return (TokenLoginOutcome.Issued) core.grants.tokenLogin(new LoginAttempt(
                "ada@example.com", PASSWORD, PHONE, Optional.empty(), new LoginAttempt.App(Optional.of(mobile), "")));
    }

    private List<String> revokedSessionIds() {
        return core.feed.after(0, 1_000).stream().map(Revocation::id).toList();
    }

    @Test
    void lockingEndsEverySessionThroughTheFeedAndIsAudited() {
        SessionId browser = ((LoginOutcome.LoggedIn) login(PASSWORD, "192.0.2.1"))
                .session()
                .session()
                .id();
        SessionId app = appLogin().login().session().session().id();

        assertThat(core.admin.lock(ada.id(), ADMIN))
                .hasValueSatisfying(a -> assertThat(a.locked()).isTrue());

        assertThat(core.sessions.list(ada.id())).isEmpty();
        assertThat(revokedSessionIds()).contains(browser.value(), app.value());
        assertThat(core.events(AuditType.ACCOUNT_LOCKED)).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("admin:root");
            assertThat(event.details()).containsEntry("sessions_revoked", "2");
        });
    }

    @Test
    void unlockingLetsTheOwnerStraightBackInAfterALockOut() {
        for (int i = 0; i < 6; i++) {
            login(new Password("a wrong guess " + i), "203.0.113." + i);
        }
        core.admin.lock(ada.id(), ADMIN);
        assertThat(login(PASSWORD, "192.0.2.1")).isInstanceOf(LoginOutcome.Throttled.class);

        core.admin.unlock(ada.id(), ADMIN);

        assertThat(login(PASSWORD, "192.0.2.1")).isInstanceOf(LoginOutcome.LoggedIn.class);
        assertThat(core.events(AuditType.ACCOUNT_UNLOCKED)).hasSize(1);
    }

    @Test
    void unlockingAlsoLiftsTheLockOfTheOwnersOwnBrowser() {
        String device = ((LoginOutcome.LoggedIn) login(PASSWORD, "192.0.2.1")).deviceToken();
        for (int i = 0; i < 5; i++) {
            loginFrom(device, new Password("a typo " + i));
        }
        assertThat(loginFrom(device, PASSWORD)).isInstanceOf(LoginOutcome.Throttled.class);

        core.admin.unlock(ada.id(), ADMIN);

        assertThat(loginFrom(device, PASSWORD)).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void anUnlockByAnotherProcessReachesThisOneThroughTheStore() {
        for (int i = 0; i < 6; i++) {
            login(new Password("a wrong guess " + i), "203.0.113." + i);
        }
        // The CLI unlocks on the same database with its own counters, which the server never sees.
        new AdminService(
                        core.accounts,
                        core.logins,
                        core.sessions,
                        core.refreshTokens,
                        core.clients,
                        core.consentStore,
                        core.keys,
                        dev.gatehouse.core.limit.RateLimiter.unlimited(core.clock),
                        core.feed,
                        core.audit,
                        dev.gatehouse.core.Transactions.IMMEDIATE,
                        core.clock)
                .unlock(ada.id(), Actor.CLI);

        assertThat(login(PASSWORD, "192.0.2.1")).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    private LoginOutcome loginFrom(String device, Password password) {
        return core.logins.login(new LoginAttempt(
                "ada@example.com",
                password,
                new ClientDetails("192.0.2.1", "Firefox"),
                Optional.of(device),
                new LoginAttempt.Browser(Optional.empty())));
    }

    @Test
    void unlockingAlsoClearsTheAccountsLoginWindow() {
        for (int i = 0; i < 10; i++) {
            login(PASSWORD, "203.0.113." + i);
        }
        assertThat(login(PASSWORD, "192.0.2.1")).isInstanceOf(LoginOutcome.Throttled.class);

        core.admin.unlock(ada.id(), ADMIN);

        assertThat(login(PASSWORD, "192.0.2.1")).isInstanceOf(LoginOutcome.LoggedIn.class);
    }

    @Test
    void deletingAnAccountRevokesItsSessionsThroughTheFeedBeforeTheRecordGoes() {
        SessionId app = appLogin().login().session().session().id();

        assertThat(core.admin.deleteAccount(ada.id(), ADMIN)).isTrue();

        assertThat(core.accounts.find(ada.id())).isEmpty();
        assertThat(revokedSessionIds()).contains(app.value());
        assertThat(core.events(AuditType.ACCOUNT_DELETED)).hasSize(1);
        assertThat(core.admin.deleteAccount(ada.id(), ADMIN)).isFalse();
    }

    @Test
    void deletingAClientEndsItsLoginsAndAClientRecreatedUnderItsIdInheritsNothing() {
        Client gateway = core.clients
                .create(new ClientId("gateway"), ClientType.RESOURCE_SERVER, Set.of(), List.of(CoreServices.ISSUER))
                .orElseThrow()
                .client();
        TokenLoginOutcome.Issued login = appLogin();
        String refresh = login.tokens().refreshToken().orElseThrow();
        String access = login.tokens().accessToken().value();

        assertThat(core.admin.deleteClient(mobile.id(), ADMIN)).isTrue();

        assertThat(revokedSessionIds())
                .contains(login.login().session().session().id().value());
        assertThat(core.grants.introspect(gateway, access)).isInstanceOf(Introspection.Inactive.class);
        Client reborn = core.clients
                .create(mobile.id(), ClientType.FIRST_PARTY, Set.of(GrantType.REFRESH_TOKEN), List.of())
                .orElseThrow()
                .client();
        assertThat(core.grants.refresh(reborn, refresh, PHONE)).isInstanceOf(GrantOutcome.Refused.class);
        assertThat(core.grants.introspect(reborn, refresh)).isInstanceOf(Introspection.Inactive.class);
        assertThat(core.events(AuditType.CLIENT_DELETED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("sessions_revoked", "1"));
    }

    /** A client re-registered under the same id is another app: it must ask every account again. */
    @Test
    void deletingAClientForgetsEveryAccountsConsentToItAndNoOtherClients() {
        ClientId shop = new ClientId("shop");
        core.consentStore.save(new Consent(ada.id(), shop, "openid email", core.clock.instant()));
        core.consentStore.save(new Consent(ada.id(), mobile.id(), "openid", core.clock.instant()));
        core.clients.create(shop, ClientType.CONFIDENTIAL, Set.of(), List.of()).orElseThrow();

        assertThat(core.admin.deleteClient(shop, ADMIN)).isTrue();

        assertThat(core.consentStore.find(ada.id(), shop)).isEmpty();
        assertThat(core.consentStore.find(ada.id(), mobile.id())).isPresent();
        assertThat(core.events(AuditType.CLIENT_DELETED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("consents_deleted", "1"));
    }

    /**
     * Hundreds of logins ended in one transaction held the embedded store's only writer for most of a
     * second. They end a chunk per transaction; the last one deletes the client and audits the total.
     */
    @Test
    void deletingAClientWithManyLoginsEndsThemAChunkPerTransaction() {
        int logins = 2 * AdminService.REVOCATION_CHUNK + 7;
        for (int i = 0; i < logins; i++) {
            if (i % 9 == 0) {
                core.clock.advance(Duration.ofMinutes(2)); // past the per-account login limit
            }
            appLogin();
        }
        int groupsBefore = core.transactions.revocationsPerGroup().size();

        assertThat(core.admin.deleteClient(mobile.id(), ADMIN)).isTrue();

        List<Integer> groups = core.transactions.revocationsPerGroup();
        assertThat(groups.subList(groupsBefore, groups.size()))
                .containsExactly(AdminService.REVOCATION_CHUNK, AdminService.REVOCATION_CHUNK, 7, 0);
        assertThat(revokedSessionIds()).hasSize(logins);
        assertThat(core.events(AuditType.CLIENT_DELETED))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.details()).containsEntry("sessions_revoked", Integer.toString(logins)));
    }

    @Test
    void rotatingKeysAuditsItselfWithTheActor() {
        var rotation = core.admin.rotateKeys(ADMIN);

        assertThat(core.events(AuditType.KEY_ROTATED)).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("admin:root");
            assertThat(event.details()).containsEntry("activated", rotation.activated());
        });
    }

    @Test
    void theOverviewCountsAccountsLiveSessionsAndLoginsInTheirWindows() {
        login(PASSWORD, "192.0.2.1");
        login(new Password("a wrong guess"), "192.0.2.1");
        core.clock.advance(Duration.ofHours(2));
        login(PASSWORD, "192.0.2.1");

        AdminOverview overview = core.admin.overview();

        assertThat(overview.accounts()).isEqualTo(1);
        assertThat(overview.liveSessions()).isEqualTo(2);
        assertThat(overview.logins()).isEqualTo(new AdminOverview.Window(1, 2));
        assertThat(overview.failedLogins()).isEqualTo(new AdminOverview.Window(0, 1));
        assertThat(overview.reuseDetections()).isEqualTo(new AdminOverview.Window(0, 0));
        assertThat(overview.loginsPerHour()).hasSize(24);
        assertThat(overview.loginsPerHour().getLast())
                .isEqualTo(new AdminOverview.HourCount(Instant.parse("2026-04-01T11:00:00Z"), 1));
        assertThat(overview.loginsPerHour().get(21))
                .isEqualTo(new AdminOverview.HourCount(Instant.parse("2026-04-01T09:00:00Z"), 1));
        assertThat(overview.loginsPerHour().stream()
                        .mapToLong(AdminOverview.HourCount::count)
                        .sum())
                .isEqualTo(2);
    }
}
