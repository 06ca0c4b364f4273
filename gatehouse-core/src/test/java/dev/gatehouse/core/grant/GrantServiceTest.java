package dev.gatehouse.core.grant;

import static dev.gatehouse.core.testing.CoreServices.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.NewSession;
import dev.gatehouse.core.testing.CoreServices;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every grant goes through the scope policy; introspection tells each caller only what is theirs. */
class GrantServiceTest {
    private static final ClientDetails PHONE = new ClientDetails("198.51.100.7", "OrdersApp/3.1");

    private final CoreServices core = new CoreServices();
    private final Account ada = core.account("ada@example.com", Role.USER);
    private final Account root = core.account("root@example.com", Role.ADMIN);
    private final Client mobile = client(
            "mobile",
            ClientType.FIRST_PARTY,
            Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE),
            List.of("orders-api"),
            Set.of(),
            false);
    private final Client billing = client(
            "billing",
            ClientType.CONFIDENTIAL,
            Set.of(GrantType.CLIENT_CREDENTIALS),
            List.of("orders-api"),
            Set.of(),
            false);
    private final Client orders =
            client("orders", ClientType.RESOURCE_SERVER, Set.of(), List.of("orders-api"), Set.of(), false);
    private final Client shipping =
            client("shipping", ClientType.RESOURCE_SERVER, Set.of(), List.of("shipping-api"), Set.of(), false);
    private final Client cookies = client("cookies", ClientType.RESOURCE_SERVER, Set.of(), List.of(), Set.of(), true);

    private Client client(
            String id,
            ClientType type,
            Set<GrantType> grants,
            List<String> audiences,
            Set<String> scopes,
            boolean checksCookies) {
        return core.clients
                .create(new ClientId(id), type, new NewClientSettings(grants, audiences, scopes, checksCookies))
                .orElseThrow()
                .client();
    }

    private TokenLoginOutcome.Issued appLogin() {
        return (TokenLoginOutcome.Issued) core.grants.tokenLogin(new LoginAttempt(
                "ada@example.com", PASSWORD, PHONE, Optional.empty(), new LoginAttempt.App(Optional.of(mobile), "")));
    }

    private NewSession browserSession(Account account) {
        return core.sessions.start(account.id(), PHONE);
    }

    @Test
    void aPlainUsersExchangeCannotCarryTheAdminScope() {
        NewSession session = browserSession(ada);

        assertThat(core.grants.exchange(mobile, ada, session.session(), Optional.empty(), "admin"))
                .isInstanceOfSatisfying(
                        GrantOutcome.Refused.class,
                        refused -> assertThat(refused.error()).isEqualTo(GrantOutcome.GrantError.INVALID_SCOPE));
        assertThat(core.grants.exchange(mobile, ada, session.session(), Optional.empty(), "orders:read"))
                .isInstanceOf(GrantOutcome.Issued.class);
    }

    @Test
    void anAdminsExchangeThroughAFirstPartyAppMayCarryIt() {
        NewSession session = browserSession(root);

        assertThat(core.grants.exchange(mobile, root, session.session(), Optional.empty(), "admin"))
                .isInstanceOfSatisfying(
                        GrantOutcome.Issued.class,
                        issued -> assertThat(issued.scope()).isEqualTo("admin"));
    }

    @Test
    void clientCredentialsNeverCarryTheAdminScopeUnlessTheClientWasRegisteredWithIt() {
        Client operator = client(
                "operator",
                ClientType.CONFIDENTIAL,
                Set.of(GrantType.CLIENT_CREDENTIALS),
                List.of(),
                Set.of("admin"),
                false);

        assertThat(core.grants.clientCredentials(billing, "admin")).isInstanceOf(GrantOutcome.Refused.class);
        assertThat(core.grants.clientCredentials(operator, "admin")).isInstanceOf(GrantOutcome.Issued.class);
    }

    @Test
    void aClientRegisteredWithScopesGetsOnlyThose() {
        Client reader = client(
                "reader",
                ClientType.CONFIDENTIAL,
                Set.of(GrantType.CLIENT_CREDENTIALS),
                List.of(),
                Set.of("orders:read"),
                false);

        assertThat(core.grants.clientCredentials(reader, "orders:read")).isInstanceOf(GrantOutcome.Issued.class);
        assertThat(core.grants.clientCredentials(reader, "orders:read orders:write"))
                .isInstanceOf(GrantOutcome.Refused.class);
    }

    @Test
    void aGrantTheClientWasNotGivenIsRefused() {
        assertThat(core.grants.clientCredentials(mobile, "")).isInstanceOf(GrantOutcome.Refused.class);
        assertThat(core.grants.exchange(billing, ada, browserSession(ada).session(), Optional.empty(), ""))
                .isInstanceOf(GrantOutcome.Refused.class);
    }

    @Test
    void anAccessTokenIsIntrospectableOnlyByTheResourceServersOfItsAudience() {
        String access = appLogin().tokens().accessToken().value();

        assertThat(core.grants.introspect(orders, access)).isInstanceOf(Introspection.ActiveAccessToken.class);
        assertThat(core.grants.introspect(shipping, access)).isEqualTo(new Introspection.Inactive());
        assertThat(core.grants.introspect(cookies, access)).isEqualTo(new Introspection.Inactive());
        assertThat(core.grants.introspect(billing, access))
                .as("a confidential client obtains orders-api tokens; it does not serve them")
                .isEqualTo(new Introspection.Inactive());
    }

    @Test
    void aRefreshMayNotAskForAScopeTheLoginWasNotGrantedAndTheRefusalCostsTheTokenNothing() {
        var login = (TokenLoginOutcome.Issued) core.grants.tokenLogin(new LoginAttempt(
                "root@example.com",
                PASSWORD,
                PHONE,
                Optional.empty(),
                new LoginAttempt.App(Optional.of(mobile), "admin")));
        String refresh = login.tokens().refreshToken().orElseThrow();

        assertThat(core.grants.refresh(mobile, refresh, "admin openid", PHONE))
                .isInstanceOfSatisfying(
                        GrantOutcome.Refused.class,
                        refused -> assertThat(refused.error()).isEqualTo(GrantOutcome.GrantError.INVALID_SCOPE));
        var narrower = (GrantOutcome.Issued) core.grants.refresh(mobile, refresh, "admin", PHONE);
        assertThat(narrower.scope()).as("the scope granted at the login").isEqualTo("admin");
        assertThat(core.grants.refresh(mobile, narrower.refreshToken().orElseThrow(), PHONE))
                .isInstanceOf(GrantOutcome.Issued.class);
    }

    @Test
    void aRefreshTokenIsIntrospectableOnlyByTheClientItWasIssuedTo() {
        String refresh = appLogin().tokens().refreshToken().orElseThrow();

        assertThat(core.grants.introspect(orders, refresh)).isEqualTo(new Introspection.Inactive());
        assertThat(core.grants.introspect(billing, refresh)).isEqualTo(new Introspection.Inactive());
    }

    @Test
    void aCookieSessionIsIntrospectableOnlyByResourceServersRegisteredToCheckCookies() {
        String cookie = browserSession(ada).token().reveal();

        assertThat(core.grants.introspect(cookies, cookie)).isInstanceOf(Introspection.ActiveSession.class);
        assertThat(core.grants.introspect(orders, cookie)).isEqualTo(new Introspection.Inactive());
        assertThat(core.grants.introspect(billing, cookie)).isEqualTo(new Introspection.Inactive());
    }

    @Test
    void onlyResourceServersMayBeRegisteredToCheckCookies() {
        Client confidential = client("sneaky", ClientType.CONFIDENTIAL, Set.of(), List.of(), Set.of(), true);

        assertThat(confidential.sessionIntrospection()).isFalse();
    }
}
