package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordChangeOutcome;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.login.StepUpService;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** The caller's own account: {@code GET /v1/me} and {@code POST /v1/password}. */
final class MeRoutes {
    private final StepUpService stepUps;
    private final CookieAuthentication authentication;
    private final BearerAuthentication bearer;
    private final HttpIo io;
    private final Throttle throttle;

    MeRoutes(
            StepUpService stepUps,
            CookieAuthentication authentication,
            BearerAuthentication bearer,
            Throttle throttle,
            HttpIo io) {
        this.throttle = throttle;
        this.stepUps = stepUps;
        this.authentication = authentication;
        this.bearer = bearer;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/me").get(this::me).register(routing, io);
        Route.at("/v1/password").post(this::changePassword).register(routing, io);
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
        PasswordChangeOutcome outcome = stepUps.changePassword(
                caller.account().id(),
                caller.session().id(),
                new Password(body.requiredCurrent()),
                new Password(body.requiredNew()),
                java.util.Optional.ofNullable(body.code()),
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case PasswordChangeOutcome.Changed changed ->
                io.json(response, 200, new Views.Revoked(changed.otherSessionsEnded()));
            case PasswordChangeOutcome.WrongCurrentPassword wrong ->
                throw new ProblemException(
                        Problem.of(ProblemType.WRONG_CURRENT_PASSWORD, "The current password is incorrect."));
            case PasswordChangeOutcome.WeakPassword weak ->
                throw new ProblemException(AccountRoutes.weakPassword(weak.problem()));
            case PasswordChangeOutcome.SecondFactorRequired stepUp ->
                throw new ProblemException(Problem.of(
                        ProblemType.STEP_UP_REQUIRED,
                        "This account has a second factor: send the authenticator app's current code as code."));
        }
    }
}
