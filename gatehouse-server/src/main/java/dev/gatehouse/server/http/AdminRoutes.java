package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.RotationOutcome;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/v1/...}: users, their sessions and refresh families, clients, keys and the audit
 * trail, for accounts with the admin role — by bearer token carrying the {@code admin} scope, or by an
 * admin's cookie session (with the CSRF token on unsafe requests). Every change is audited with the
 * admin as actor. No response holds a hash, a secret or a token value (see {@link AdminViews}).
 */
final class AdminRoutes {
    static final String ADMIN_SCOPE = "admin";
    private static final int MAX_PAGE = 200;

    private final AccountService accounts;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final ClientService clients;
    private final KeyService keys;
    private final AuditTrail trail;
    private final RateLimiter rateLimiter;
    private final CookieAuthentication cookies;
    private final BearerAuthentication bearer;
    private final AuditRecorder audit;
    private final HttpIo io;

    AdminRoutes(
            ApiServices services,
            CookieAuthentication cookies,
            BearerAuthentication bearer,
            AuditRecorder audit,
            HttpIo io) {
        this.accounts = services.accounts();
        this.sessions = services.sessions();
        this.refreshTokens = services.refreshTokens();
        this.clients = services.clients();
        this.keys = services.keys();
        this.trail = services.auditTrail();
        this.rateLimiter = services.rateLimiter();
        this.cookies = cookies;
        this.bearer = bearer;
        this.audit = audit;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/admin/v1/users", this::listUsers);
        MethodGuard.allowOnly(routing, "/admin/v1/users", "GET", io);
        routing.get("/admin/v1/users/{id}", this::getUser).delete("/admin/v1/users/{id}", this::deleteUser);
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}", "GET, DELETE", io);
        routing.post("/admin/v1/users/{id}/lock", (req, res) -> setLocked(req, res, true));
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}/lock", "POST", io);
        routing.post("/admin/v1/users/{id}/unlock", (req, res) -> setLocked(req, res, false));
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}/unlock", "POST", io);
        routing.get("/admin/v1/users/{id}/sessions", this::listSessions)
                .delete("/admin/v1/users/{id}/sessions", this::revokeAllSessions);
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}/sessions", "GET, DELETE", io);
        routing.delete("/admin/v1/users/{id}/sessions/{sid}", this::revokeSession);
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}/sessions/{sid}", "DELETE", io);
        routing.get("/admin/v1/users/{id}/refresh-families", this::listFamilies);
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}/refresh-families", "GET", io);
        routing.delete("/admin/v1/users/{id}/refresh-families/{fid}", this::revokeFamily);
        MethodGuard.allowOnly(routing, "/admin/v1/users/{id}/refresh-families/{fid}", "DELETE", io);
        routing.get("/admin/v1/clients", this::listClients);
        MethodGuard.allowOnly(routing, "/admin/v1/clients", "GET", io);
        routing.delete("/admin/v1/clients/{id}", this::deleteClient);
        MethodGuard.allowOnly(routing, "/admin/v1/clients/{id}", "DELETE", io);
        routing.get("/admin/v1/keys", this::listKeys);
        MethodGuard.allowOnly(routing, "/admin/v1/keys", "GET", io);
        routing.post("/admin/v1/keys/rotate", this::rotateKeys);
        MethodGuard.allowOnly(routing, "/admin/v1/keys/rotate", "POST", io);
        routing.get("/admin/v1/audit", this::auditEvents);
        MethodGuard.allowOnly(routing, "/admin/v1/audit", "GET", io);
    }

    private void listUsers(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        int offset = number(request, "offset", 0, Integer.MAX_VALUE, 0);
        int limit = number(request, "limit", 1, MAX_PAGE, 50);
        Optional<String> query = request.query().first("query").asOptional();
        if (query.isPresent() && query.get().length() > 254) {
            throw new ProblemException(Problem.invalidRequest("query is at most 254 characters."));
        }
        List<Account> found = query.filter(q -> !q.isBlank())
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
        String admin = requireAdmin(request, true);
        Account user = user(request);
        // Revoked first, through the feed, so every verifier drops the user's tokens too.
        int revoked = sessions.revokeAll(user.id());
        accounts.delete(user.id());
        audit.record(
                request,
                AuditType.ACCOUNT_DELETED,
                Optional.of(user.id().value()),
                admin,
                Map.of("sessions_revoked", Integer.toString(revoked)));
        io.noContent(response);
    }

    private void setLocked(ServerRequest request, ServerResponse response, boolean locked) {
        String admin = requireAdmin(request, true);
        Account user = user(request);
        Account changed = accounts.setLocked(user.id(), locked).orElseThrow(AdminRoutes::noSuchUser);
        Map<String, String> details = Map.of();
        if (locked) {
            details = Map.of("sessions_revoked", Integer.toString(sessions.revokeAll(user.id())));
        } else {
            rateLimiter.clearFailures(user.email().value());
        }
        audit.record(
                request,
                locked ? AuditType.ACCOUNT_LOCKED : AuditType.ACCOUNT_UNLOCKED,
                Optional.of(user.id().value()),
                admin,
                details);
        io.json(response, 200, Views.AccountView.of(changed));
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
        String admin = requireAdmin(request, true);
        Account user = user(request);
        int revoked = sessions.revokeAll(user.id());
        audit.record(
                request,
                AuditType.SESSION_REVOKED,
                Optional.of(user.id().value()),
                admin,
                Map.of("scope", "all", "count", Integer.toString(revoked)));
        io.json(response, 200, new Views.Revoked(revoked));
    }

    private void revokeSession(ServerRequest request, ServerResponse response) {
        String admin = requireAdmin(request, true);
        Account user = user(request);
        String sid = request.path().pathParameters().get("sid");
        if (sid.length() > 64 || !sessions.revoke(user.id(), new SessionId(sid))) {
            throw new ProblemException(
                    Problem.of("session-not-found", "Session not found", 404, "The user has no session with that id."));
        }
        audit.record(
                request, AuditType.SESSION_REVOKED, Optional.of(user.id().value()), admin, Map.of("session_id", sid));
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
        String admin = requireAdmin(request, true);
        Account user = user(request);
        String fid = request.path().pathParameters().get("fid");
        RefreshFamily family = refreshTokens.familiesOf(user.id()).stream()
                .filter(f -> f.id().equals(fid))
                .findFirst()
                .orElseThrow(() -> new ProblemException(Problem.of(
                        "refresh-family-not-found",
                        "Refresh family not found",
                        404,
                        "The user has no such token login.")));
        sessions.revoke(user.id(), family.sessionId());
        audit.record(
                request,
                AuditType.SESSION_REVOKED,
                Optional.of(user.id().value()),
                admin,
                Map.of("session_id", family.sessionId().value(), "family_id", family.id()));
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

    private void deleteClient(ServerRequest request, ServerResponse response) {
        String admin = requireAdmin(request, true);
        String id = request.path().pathParameters().get("id");
        if (!ClientId.isValid(id) || !clients.delete(new ClientId(id))) {
            throw new ProblemException(
                    Problem.of("client-not-found", "Client not found", 404, "There is no such client."));
        }
        audit.record(request, AuditType.CLIENT_DELETED, Optional.empty(), admin, Map.of("client_id", id));
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
        String admin = requireAdmin(request, true);
        RotationOutcome rotation = keys.rotate();
        audit.record(
                request,
                AuditType.KEY_ROTATED,
                Optional.empty(),
                admin,
                Map.of("activated", rotation.activated(), "retired", rotation.retired()));
        io.json(response, 200, new AdminViews.Rotation(rotation.activated(), rotation.retired(), rotation.next()));
    }

    private void auditEvents(ServerRequest request, ServerResponse response) {
        requireAdmin(request, false);
        Optional<String> type = request.query().first("type").asOptional();
        AuditQuery query = new AuditQuery(
                request.query().first("account").asOptional().filter(a -> a.length() <= 64),
                type.map(t -> AuditType.fromWire(t)
                        .orElseThrow(
                                () -> new ProblemException(Problem.invalidRequest("type names no audit event type.")))),
                instant(request, "from"),
                instant(request, "to"),
                request.query().first("before").asOptional().map(b ->
                        (long) number(request, "before", 1, Integer.MAX_VALUE, 1)),
                number(request, "limit", 1, AuditQuery.MAX_LIMIT, 100));
        List<AuditEvent> events = trail.find(query);
        Long next = events.size() == query.limit() ? events.getLast().id() : null;
        io.json(
                response,
                200,
                new AdminViews.AuditPage(
                        events.stream().map(AdminViews.AuditView::of).toList(), next));
    }

    /** The admin behind the request, as an audit actor; 401 without credentials, 403 for a non-admin. */
    private String requireAdmin(ServerRequest request, boolean unsafe) {
        Optional<String> authorization = BearerAuthentication.authorizationHeader(request);
        Account account;
        if (authorization.isPresent()) {
            BearerCaller caller = bearer.require(authorization.get());
            if (!Arrays.asList(caller.claims().scope().split(" ")).contains(ADMIN_SCOPE)) {
                throw forbidden();
            }
            account = caller.account();
        } else {
            account = (unsafe ? cookies.requireForUnsafe(request) : cookies.require(request)).account();
        }
        if (account.role() != Role.ADMIN || account.locked()) {
            throw forbidden();
        }
        return "admin:" + account.id().value();
    }

    private Account user(ServerRequest request) {
        String id = request.path().pathParameters().get("id");
        if (id.length() > 64) {
            throw noSuchUser();
        }
        return accounts.find(new AccountId(id)).orElseThrow(AdminRoutes::noSuchUser);
    }

    private static ProblemException noSuchUser() {
        return new ProblemException(
                Problem.of("user-not-found", "User not found", 404, "There is no user with that id."));
    }

    private static ProblemException forbidden() {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, "This needs an administrator."));
    }

    private static int number(ServerRequest request, String name, int min, int max, int fallback) {
        Optional<String> raw = request.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(
                Problem.invalidRequest(name + " must be a whole number from " + min + " to " + max + "."));
    }

    private static Optional<Instant> instant(ServerRequest request, String name) {
        return request.query().first(name).asOptional().map(raw -> {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw new ProblemException(
                        Problem.invalidRequest(name + " must be an ISO-8601 instant like 2026-01-31T12:00:00Z."));
            }
        });
    }
}
