package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.NewClient;
import dev.gatehouse.core.client.ScopePolicy;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.RotationOutcome;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/v1/...}: users, their sessions and refresh families, clients, keys and the audit
 * trail, for accounts with the admin role — by bearer token carrying the {@code admin} scope, or by an
 * admin's cookie session (with the CSRF token on unsafe requests). The rules of each act (what ends,
 * what is forgiven, the audit event) are the core's {@link AdminService}. No response holds a hash, a
 * secret or a token value (see {@link AdminViews}).
 */
final class AdminRoutes {
    private static final int MAX_PAGE = 200;

    private final AdminService admin;
    private final dev.gatehouse.core.email.PasswordResetService passwordResets;
    private final AccountService accounts;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final ClientService clients;
    private final KeyService keys;
    private final CookieAuthentication cookies;
    private final AdminFactorPolicy factorPolicy;
    private final dev.gatehouse.core.factor.SecondFactorService factors;
    private final BearerAuthentication bearer;
    private final ClientAddresses addresses;
    private final HttpIo io;
    private final java.time.Clock clock;
    private final java.time.Duration reauthenticationWindow;

    AdminRoutes(
            ApiServices services,
            CookieAuthentication cookies,
            BearerAuthentication bearer,
            ClientAddresses addresses,
            HttpIo io) {
        this.admin = services.admin();
        this.passwordResets = services.passwordResets();
        this.accounts = services.accounts();
        this.sessions = services.sessions();
        this.refreshTokens = services.refreshTokens();
        this.clients = services.clients();
        this.keys = services.keys();
        this.factorPolicy = new AdminFactorPolicy(services.config().requireMfaForAdmins(), services.factors());
        this.factors = services.factors();
        this.cookies = cookies;
        this.bearer = bearer;
        this.addresses = addresses;
        this.io = io;
        this.clock = services.clock();
        this.reauthenticationWindow = services.config().adminReauthentication();
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/admin/v1/users").get(this::listUsers).register(routing, io);
        Route.at("/admin/v1/users/{id}")
                .get(this::getUser)
                .delete(this::deleteUser)
                .register(routing, io);
        Route.at("/admin/v1/users/{id}/lock").post(this::lock).register(routing, io);
        Route.at("/admin/v1/users/{id}/factors")
                .get(this::factorsOf)
                .delete(this::resetFactors)
                .register(routing, io);
        Route.at("/admin/v1/users/{id}/unlock").post(this::unlock).register(routing, io);
        Route.at("/admin/v1/users/{id}/password-reset")
                .post(this::sendPasswordReset)
                .register(routing, io);
        Route.at("/admin/v1/users/{id}/sessions")
                .get(this::listSessions)
                .delete(this::revokeAllSessions)
                .register(routing, io);
        Route.at("/admin/v1/users/{id}/sessions/{sid}")
                .delete(this::revokeSession)
                .register(routing, io);
        Route.at("/admin/v1/users/{id}/refresh-families")
                .get(this::listFamilies)
                .register(routing, io);
        Route.at("/admin/v1/users/{id}/refresh-families/{fid}")
                .delete(this::revokeFamily)
                .register(routing, io);
        Route.at("/admin/v1/clients")
                .get(this::listClients)
                .post(this::createClient)
                .register(routing, io);
        Route.at("/admin/v1/clients/{id}").delete(this::deleteClient).register(routing, io);
        Route.at("/admin/v1/keys").get(this::listKeys).register(routing, io);
        Route.at("/admin/v1/keys/rotate").post(this::rotateKeys).register(routing, io);
        Route.at("/admin/v1/audit").get(this::auditEvents).register(routing, io);
    }

    private void listUsers(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        QueryParameters query = QueryParameters.of(request);
        int offset = query.number("offset", 0, Integer.MAX_VALUE, 0);
        int limit = query.number("limit", 1, MAX_PAGE, 50);
        List<Account> found = query.text("query", 254)
                .filter(q -> !q.isBlank())
                .map(q -> accounts.search(q, offset, limit))
                .orElseGet(() -> accounts.list(offset, limit));
        io.json(
                response,
                200,
                new AdminViews.UserList(
                        found.stream().map(Views.AccountView::of).toList(), offset, limit));
    }

    private void getUser(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        io.json(response, 200, Views.AccountView.of(user(request)));
    }

    private void deleteUser(ServerRequest request, ServerResponse response) {
        AdminCaller caller = recentAdmin(request);
        Account user = anotherUser(request, caller, "delete");
        if (!admin.deleteAccount(user.id(), caller.actor())) {
            throw noSuchUser();
        }
        io.noContent(response);
    }

    private void lock(ServerRequest request, ServerResponse response) {
        AdminCaller caller = recentAdmin(request);
        Account user = anotherUser(request, caller, "lock");
        Account locked = admin.lock(user.id(), caller.actor()).orElseThrow(AdminRoutes::noSuchUser);
        io.json(response, 200, Views.AccountView.of(locked));
    }

    private void unlock(ServerRequest request, ServerResponse response) {
        Actor actor = requireAdmin(request, true);
        Account unlocked = admin.unlock(user(request).id(), actor).orElseThrow(AdminRoutes::noSuchUser);
        io.json(response, 200, Views.AccountView.of(unlocked));
    }

    /** Mails the user a link to set a new password; nothing changes until it is used. */
    private void sendPasswordReset(ServerRequest request, ServerResponse response) {
        Actor actor = requireAdmin(request, true);
        if (!passwordResets.sendLink(user(request).id(), actor)) {
            throw noSuchUser();
        }
        io.json(response, 202, new Views.Accepted("accepted", "A link to set a new password is on its way."));
    }

    private void listSessions(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        Account user = user(request);
        var views = sessions.list(user.id()).stream()
                .map(s -> Views.SessionView.of(s, sessions.policyFor(s), false))
                .toList();
        io.json(response, 200, new Views.SessionList(views));
    }

    private void revokeAllSessions(ServerRequest request, ServerResponse response) {
        AdminCaller caller = authenticate(request, true);
        Account user = anotherUser(request, caller, "sign out everywhere");
        io.json(response, 200, new Views.Revoked(admin.endSessions(user.id(), caller.actor())));
    }

    /**
     * The user the path names, refused (409 {@code own-account}) when it is the caller's own account, as the
     * console refuses it (docs/pages.md): locking, deleting or signing out everywhere the account making
     * the request ends the session or token making it, and an only admin locked or deleted so leaves no
     * one to use the console or this API until someone runs the CLI on the server. The account's own
     * routes ({@code /v1/...}) do what its owner may do to it.
     */
    private Account anotherUser(ServerRequest request, AdminCaller caller, String act) {
        Account user = user(request);
        if (user.id().equals(caller.account().id())) {
            throw new ProblemException(Problem.of(
                    ProblemType.OWN_ACCOUNT,
                    "An administrator cannot " + act + " their own account through the admin API;"
                            + " use the account's own routes, or the CLI."));
        }
        return user;
    }

    private void revokeSession(ServerRequest request, ServerResponse response) {
        Actor actor = requireAdmin(request, true);
        Account user = user(request);
        SessionId.parse(request.path().pathParameters().get("sid"))
                .filter(sid -> admin.endSession(user.id(), sid, actor))
                .orElseThrow(() -> new ProblemException(
                        Problem.of(ProblemType.SESSION_NOT_FOUND, "The user has no session with that id.")));
        io.noContent(response);
    }

    private void listFamilies(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        Account user = user(request);
        io.json(
                response,
                200,
                new AdminViews.FamilyList(refreshTokens.familiesOf(user.id()).stream()
                        .map(AdminViews.FamilyView::of)
                        .toList()));
    }

    /** A refresh family is a token login: ending it ends its session, and so every token of it. */
    private void revokeFamily(ServerRequest request, ServerResponse response) {
        Actor actor = requireAdmin(request, true);
        Account user = user(request);
        if (!admin.endTokenLogin(user.id(), request.path().pathParameters().get("fid"), actor)) {
            throw new ProblemException(
                    Problem.of(ProblemType.REFRESH_FAMILY_NOT_FOUND, "The user has no such token login."));
        }
        io.noContent(response);
    }

    private void listClients(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        io.json(
                response,
                200,
                new AdminViews.ClientList(
                        clients.list().stream().map(AdminViews.ClientView::of).toList()));
    }

    /**
     * Registers a client with the rules of the CLI and the console, behind the console's recent sign-in;
     * the answer holds the one copy of the secret there will ever be, so it is never stored by a cache.
     */
    private void createClient(ServerRequest request, ServerResponse response) {
        Actor actor = requireRecentAdmin(request);
        NewClientRequest body = io.readJson(request, NewClientRequest.class);
        body.problem().ifPresent(problem -> {
            throw new ProblemException(Problem.invalidRequest(problem));
        });
        NewClient created = admin.createClient(body.id(), body.clientType().orElseThrow(), body.settings(), actor)
                .orElseThrow(() -> new ProblemException(Problem.of(
                        ProblemType.CLIENT_ID_TAKEN, "A client with the id " + body.clientId() + " exists already.")));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        io.json(
                response,
                201,
                new AdminViews.CreatedClient(
                        AdminViews.ClientView.of(created.client()),
                        created.secret().orElse(null)));
    }

    /** Deleting a client ends every login made through it (see {@link AdminService#deleteClient}). */
    private void deleteClient(ServerRequest request, ServerResponse response) {
        Actor actor = requireRecentAdmin(request);
        ClientId.parse(request.path().pathParameters().get("id"))
                .filter(id -> admin.deleteClient(id, actor))
                .orElseThrow(() ->
                        new ProblemException(Problem.of(ProblemType.CLIENT_NOT_FOUND, "There is no such client.")));
        io.noContent(response);
    }

    private void listKeys(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        io.json(
                response,
                200,
                new AdminViews.KeyList(
                        keys.list().stream().map(AdminViews.KeyView::of).toList()));
    }

    private void rotateKeys(ServerRequest request, ServerResponse response) {
        RotationOutcome rotation = admin.rotateKeys(requireRecentAdmin(request));
        io.json(response, 200, new AdminViews.Rotation(rotation.activated(), rotation.retired(), rotation.next()));
    }

    private void auditEvents(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        QueryParameters parameters = QueryParameters.of(request);
        AuditQuery query = new AuditQuery(
                parameters.text("account", 64),
                parameters
                        .text("type", 64)
                        .map(t -> AuditType.fromWire(t)
                                .orElseThrow(() -> new ProblemException(
                                        Problem.invalidRequest("type names no audit event type.")))),
                parameters.instant("from"),
                parameters.instant("to"),
                request.query().first("before").isPresent()
                        ? Optional.of(parameters.number("before", 1L, Long.MAX_VALUE, 1L))
                        : Optional.empty(),
                parameters.number("limit", 1, AuditQuery.MAX_LIMIT, 100));
        List<AuditEvent> events = admin.auditEvents(query);
        Long next = events.size() == query.limit() ? events.getLast().id() : null;
        io.json(
                response,
                200,
                new AdminViews.AuditPage(
                        events.stream().map(AdminViews.AuditView::of).toList(), next));
    }

    /** The admin behind the request, as an audit actor; 401 without credentials, 403 for a non-admin. */
    private Actor requireAdmin(ServerRequest request, boolean unsafe) {
        return authenticate(request, unsafe).actor();
    }

    /**
     * The admin behind a sensitive request (key rotation, client creation and deletion, locking or deleting a
     * user, second-factor reset), as the console
     * asks it (OWASP ASVS 5.0 V7.5.3): their last authentication — the session's, or a bearer token's
     * {@code auth_time} — is within {@code GATEHOUSE_ADMIN_REAUTHENTICATION} and included the second factor when
     * the account has one. Otherwise 403 {@code step-up-required}: the API has no step-up form, the client
     * signs in again (a new session, or a new token from it).
     */
    private Actor requireRecentAdmin(ServerRequest request) {
        return recentAdmin(request).actor();
    }

    private AdminCaller recentAdmin(ServerRequest request) {
        AdminCaller caller = authenticate(request, true);
        boolean recent = caller.authTime()
                .filter(at -> clock.instant().isBefore(at.plus(reauthenticationWindow)))
                .isPresent();
        if (!recent) {
            throw stepUpRequired("This needs a recent sign-in: the last one was more than "
                    + reauthenticationWindow.toMinutes()
                    + " minutes ago. Sign in again (a new session, or a new token from it) and retry.");
        }
        if (!caller.multiFactor() && factors.factors(caller.account().id()).any()) {
            throw stepUpRequired("This needs a sign-in with your second factor: sign in again with your password and"
                    + " your authenticator app's code (a new session, or a new token from it) and retry.");
        }
        return caller;
    }

    private AdminCaller authenticate(ServerRequest request, boolean unsafe) {
        Optional<String> authorization = BearerAuthentication.authorizationHeader(request);
        Account account;
        boolean multiFactor;
        Optional<Instant> authTime;
        if (authorization.isPresent()) {
            BearerCaller caller = bearer.require(authorization.get());
            if (!ScopePolicy.carries(caller.claims().scope(), ScopePolicy.ADMIN)) {
                throw forbidden();
            }
            account = caller.account();
            multiFactor = caller.claims().amr().contains("mfa");
            authTime = caller.claims().authTime();
        } else {
            Caller caller = unsafe ? cookies.requireForUnsafe(request) : cookies.require(request);
            account = caller.account();
            multiFactor = caller.session().multiFactor();
            authTime = Optional.of(caller.session().authTime());
        }
        if (account.role() != Role.ADMIN || account.locked()) {
            throw forbidden();
        }
        if (factorPolicy.mustEnrol(account)) {
            throw new ProblemException(Problem.of(
                    ProblemType.FORBIDDEN,
                    "Administrators need a second factor here: set up an authenticator app on /account/factors."));
        }
        if (factorPolicy.mustUseFactor(account, multiFactor)) {
            throw stepUpRequired("Administrators must sign in with their second factor here: this session or token"
                    + " was signed in without it. Sign in again with your password and your authenticator app's code"
                    + " (a new session, or a new token from it).");
        }
        return new AdminCaller(
                account, multiFactor, authTime, Actor.admin(account.id().value(), addresses.of(request)));
    }

    /** How the admin behind a request authenticated: with a second factor or not, and when. */
    private record AdminCaller(Account account, boolean multiFactor, Optional<Instant> authTime, Actor actor) {}

    private static ProblemException stepUpRequired(String detail) {
        return new ProblemException(Problem.of(ProblemType.STEP_UP_REQUIRED, detail));
    }

    /** Which second factors the user has: {@code totp} and how many recovery codes are left. */
    private void factorsOf(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        var of = factors.factors(user(request).id());
        io.json(response, 200, new FactorsView(of.totp(), of.recoveryCodesLeft(), of.passkeys()));
    }

    /** Removes every second factor of the user (a lost phone and lost codes); audited. */
    private void resetFactors(ServerRequest request, ServerResponse response) {
        AdminCaller caller = recentAdmin(request);
        Account user = anotherUser(request, caller, "reset the second factor of");
        factors.reset(user.id(), caller.actor());
        io.noContent(response);
    }

    record FactorsView(boolean totp, int recoveryCodesLeft, int passkeys) {}

    private Account user(ServerRequest request) {
        return AccountId.parse(request.path().pathParameters().get("id"))
                .flatMap(accounts::find)
                .orElseThrow(AdminRoutes::noSuchUser);
    }

    private static ProblemException noSuchUser() {
        return new ProblemException(Problem.of(ProblemType.USER_NOT_FOUND, "There is no user with that id."));
    }

    private static ProblemException forbidden() {
        return new ProblemException(Problem.of(ProblemType.FORBIDDEN, "This needs an administrator."));
    }
}
