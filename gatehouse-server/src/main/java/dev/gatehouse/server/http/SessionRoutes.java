package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.LoginOutcome;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.session.NewSession;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

/** Browser login and the session endpoints: {@code /v1/sessions...}. */
final class SessionRoutes {
    private static final System.Logger LOG = System.getLogger("gatehouse.sessions");

    private final AccountService accounts;
    private final SessionService sessions;
    private final CookieAuthentication authentication;
    private final HttpIo io;

    private final Throttle throttle;
    private final AuditRecorder audit;

    SessionRoutes(
            AccountService accounts,
            SessionService sessions,
            CookieAuthentication authentication,
            Throttle throttle,
            AuditRecorder audit,
            HttpIo io) {
        this.throttle = throttle;
        this.audit = audit;
        this.accounts = accounts;
        this.sessions = sessions;
        this.authentication = authentication;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/v1/sessions/current", this::current).delete("/v1/sessions/current", this::logout);
        MethodGuard.allowOnly(routing, "/v1/sessions/current", "GET, DELETE", io);
        routing.post("/v1/sessions", this::login)
                .get("/v1/sessions", this::list)
                .delete("/v1/sessions", this::logoutEverywhere);
        MethodGuard.allowOnly(routing, "/v1/sessions", "GET, POST, DELETE", io);
        routing.delete("/v1/sessions/{id}", this::revokeOne);
        MethodGuard.allowOnly(routing, "/v1/sessions/{id}", "DELETE", io);
    }

    /** Every rejection — unknown email, wrong password, locked account — is the same 401. */
    private void login(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        Requests.Credentials body = io.readJson(request, Requests.Credentials.class);
        throttle.attempt(request, LimitedAction.LOGIN, Optional.of(body.requiredEmail()));
        LoginOutcome outcome = accounts.authenticate(body.requiredEmail(), new Password(body.requiredPassword()));
        if (!(outcome instanceof LoginOutcome.Authenticated authenticated)) {
            LoginOutcome.Reason reason = ((LoginOutcome.Rejected) outcome).reason();
            LOG.log(Level.INFO, "login refused: " + reason);
            throttle.loginFailed(body.requiredEmail());
            audit.loginFailed(request, "cookie", reason, "self", body.requiredEmail());
            throw new ProblemException(Problem.invalidCredentials());
        }
        throttle.loginSucceeded(body.requiredEmail());
        // A session this browser already had is replaced, not kept beside the new one.
        authentication
                .identify(request)
                .ifPresent(
                        old -> sessions.revoke(old.account().id(), old.session().id()));
        NewSession started = sessions.start(
                authenticated.account().id(), throttle.addresses().details(request));
        audit.record(
                request,
                AuditType.LOGIN_SUCCEEDED,
                Optional.of(authenticated.account().id().value()),
                "self",
                Map.of("method", "cookie", "session_id", started.session().id().value()));
        response.header(
                HeaderNames.SET_COOKIE,
                SessionCookie.set(started.token(), sessions.policy().absoluteTimeout()));
        io.json(
                response,
                200,
                new Views.CurrentSession(
                        Views.SessionView.of(started.session(), sessions.policy(), true),
                        Views.AccountView.of(authenticated.account()),
                        started.token().csrfToken()));
    }

    private void current(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.require(request);
        io.json(
                response,
                200,
                new Views.CurrentSession(
                        Views.SessionView.of(caller.session(), sessions.policyFor(caller.session()), true),
                        Views.AccountView.of(caller.account()),
                        caller.token().csrfToken()));
    }

    private void logout(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        sessions.revoke(caller.account().id(), caller.session().id());
        audit.record(
                request,
                AuditType.LOGOUT,
                Optional.of(caller.account().id().value()),
                "self",
                Map.of("session_id", caller.session().id().value()));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        io.noContent(response);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.require(request);
        var views = sessions.list(caller.account().id()).stream()
                .map(s -> Views.SessionView.of(
                        s, sessions.policy(), s.id().equals(caller.session().id())))
                .toList();
        io.json(response, 200, new Views.SessionList(views));
    }

    private void revokeOne(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        String raw = request.path().pathParameters().get("id");
        boolean revoked = raw.length() <= 64 && sessions.revoke(caller.account().id(), new SessionId(raw));
        if (!revoked) {
            throw new ProblemException(
                    Problem.of("session-not-found", "Session not found", 404, "You have no session with that id."));
        }
        audit.record(
                request,
                AuditType.SESSION_REVOKED,
                Optional.of(caller.account().id().value()),
                "self",
                Map.of("session_id", raw));
        if (caller.session().id().value().equals(raw)) {
            response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        }
        io.noContent(response);
    }

    private void logoutEverywhere(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        int revoked = sessions.revokeAll(caller.account().id());
        audit.record(
                request,
                AuditType.SESSION_REVOKED,
                Optional.of(caller.account().id().value()),
                "self",
                Map.of("scope", "all", "count", Integer.toString(revoked)));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        io.json(response, 200, new Views.Revoked(revoked));
    }
}
