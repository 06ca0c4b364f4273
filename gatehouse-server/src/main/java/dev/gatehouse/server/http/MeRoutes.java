package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordChangeOutcome;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.session.SessionService;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/** The caller's own account: {@code GET /v1/me} and {@code POST /v1/password}. */
final class MeRoutes {
    private final AccountService accounts;
    private final SessionService sessions;
    private final CookieAuthentication authentication;
    private final BearerAuthentication bearer;
    private final HttpIo io;
    private final Throttle throttle;
    private final AuditRecorder audit;

    MeRoutes(
            AccountService accounts,
            SessionService sessions,
            CookieAuthentication authentication,
            BearerAuthentication bearer,
            Throttle throttle,
            AuditRecorder audit,
            HttpIo io) {
        this.throttle = throttle;
        this.audit = audit;
        this.accounts = accounts;
        this.sessions = sessions;
        this.authentication = authentication;
        this.bearer = bearer;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.get("/v1/me", this::me);
        MethodGuard.allowOnly(routing, "/v1/me", "GET", io);
        routing.post("/v1/password", this::changePassword);
        MethodGuard.allowOnly(routing, "/v1/password", "POST", io);
    }

    /** By bearer token when the request has an Authorization header (cookies are then ignored), else by cookie. */
    private void me(ServerRequest request, ServerResponse response) {
        var authorization = BearerAuthentication.authorizationHeader(request);
        var account = authorization.isPresent()
                ? bearer.require(authorization.get()).account()
                : authentication.require(request).account();
        io.json(response, 200, Views.AccountView.of(account));
    }

    /** A new password ends every other session of the account: whoever knew the old one is out. */
    private void changePassword(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        Requests.PasswordChange body = io.readJson(request, Requests.PasswordChange.class);
        throttle.attempt(
                request,
                LimitedAction.PASSWORD_CHANGE,
                Optional.of(caller.account().email().value()));
        PasswordChangeOutcome outcome = accounts.changePassword(
                caller.account().id(), new Password(body.requiredCurrent()), new Password(body.requiredNew()));
        switch (outcome) {
            case PasswordChangeOutcome.Changed changed -> {
                int revoked = sessions.revokeAllExcept(
                        caller.account().id(), caller.session().id());
                audit.record(
                        request,
                        AuditType.PASSWORD_CHANGED,
                        Optional.of(caller.account().id().value()),
                        "self",
                        Map.of("other_sessions_revoked", Integer.toString(revoked)));
                io.json(response, 200, new Views.Revoked(revoked));
            }
            case PasswordChangeOutcome.WrongCurrentPassword wrong ->
                throw new ProblemException(Problem.of(
                        "wrong-current-password", "Wrong current password", 403, "The current password is incorrect."));
            case PasswordChangeOutcome.WeakPassword weak ->
                throw new ProblemException(AccountRoutes.weakPassword(weak.problem()));
        }
    }
}
