package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.SecondFactorAttempt;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Browser login and the session endpoints: {@code /v1/sessions...}. */
final class SessionRoutes {
    private final LoginService logins;
    private final SessionService sessions;
    private final CookieAuthentication authentication;
    private final ClientAddresses addresses;
    private final HttpIo io;

    SessionRoutes(
            LoginService logins,
            SessionService sessions,
            CookieAuthentication authentication,
            ClientAddresses addresses,
            HttpIo io) {
        this.logins = logins;
        this.sessions = sessions;
        this.authentication = authentication;
        this.addresses = addresses;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/sessions/mfa").post(this::completeLogin).register(routing, io);
        Route.at("/v1/sessions/current").get(this::current).delete(this::logout).register(routing, io);
        Route.at("/v1/sessions")
                .get(this::list)
                .post(this::login)
                .delete(this::logoutEverywhere)
                .register(routing, io);
        Route.at("/v1/sessions/{id}").delete(this::revokeOne).register(routing, io);
    }

    /** Every rejection — unknown email, wrong password, locked account — is the same 401. */
    private void login(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        Requests.Credentials body = io.readJson(request, Requests.Credentials.class);
        LoginOutcome outcome = logins.login(new LoginAttempt(
                body.requiredEmail(),
                new Password(body.requiredPassword()),
                addresses.details(request),
                DeviceCookie.read(request),
                new LoginAttempt.Browser(authentication.presentedToken(request))));
        if (outcome instanceof LoginOutcome.SecondFactorRequired required) {
            SecondFactorProblems.mfaRequired(io, response, required);
            return;
        }
        signedIn(
                response,
                switch (outcome) {
                    case LoginOutcome.LoggedIn in -> in;
                    case LoginOutcome.Throttled throttled -> throw Throttle.tooManyRequests(throttled.retryAfter());
                    case LoginOutcome.Refused refused -> throw new ProblemException(Problem.invalidCredentials());
                    case LoginOutcome.InvalidClient invalid -> throw new ProblemException(Problem.invalidCredentials());
                    case LoginOutcome.ScopeRefused scope -> throw new ProblemException(Problem.invalidCredentials());
                    case LoginOutcome.SignInAgain again -> throw new ProblemException(Problem.invalidCredentials());
                    case LoginOutcome.SecondFactorRequired required -> throw new IllegalStateException("handled above");
                    case LoginOutcome.EmailNotVerified unverified ->
                        throw new ProblemException(EmailVerificationRoutes.notVerified());
                });
    }

    /** The second step of a login that answered {@code mfa-required}: the same answer as a login without one. */
    private void completeLogin(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        SecondFactorProblems.Completion body = io.readJson(request, SecondFactorProblems.Completion.class);
        LoginOutcome outcome = logins.completeLogin(new SecondFactorAttempt(
                body.requiredToken(),
                body.proof(),
                addresses.details(request),
                DeviceCookie.read(request),
                new LoginAttempt.Browser(authentication.presentedToken(request))));
        signedIn(
                response,
                switch (outcome) {
                    case LoginOutcome.LoggedIn in -> in;
                    case LoginOutcome.Throttled throttled -> throw Throttle.tooManyRequests(throttled.retryAfter());
                    default -> throw SecondFactorProblems.refused(outcome);
                });
    }

    private void signedIn(ServerResponse response, LoginOutcome.LoggedIn loggedIn) {
        response.headers()
                .add(
                        HeaderNames.SET_COOKIE,
                        SessionCookie.set(
                                loggedIn.session().token(), sessions.policy().absoluteTimeout()),
                        DeviceCookie.set(loggedIn.deviceToken()));
        io.json(
                response,
                200,
                new Views.CurrentSession(
                        Views.SessionView.of(loggedIn.session().session(), sessions.policy(), true),
                        Views.AccountView.of(loggedIn.account()),
                        loggedIn.session().token().csrfToken()));
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
        logins.logout(caller.account().id(), caller.session().id(), self(request));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        io.noContent(response);
    }

    /** Each session with its own kind's policy: an app login lives far longer than a cookie. */
    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.require(request);
        var views = sessions.list(caller.account().id()).stream()
                .map(s -> Views.SessionView.of(
                        s, sessions.policyFor(s), s.id().equals(caller.session().id())))
                .toList();
        io.json(response, 200, new Views.SessionList(views));
    }

    private void revokeOne(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        SessionId id = SessionId.parse(request.path().pathParameters().get("id"))
                .filter(sid -> logins.endSession(caller.account().id(), sid, self(request)))
                .orElseThrow(() -> new ProblemException(
                        Problem.of(ProblemType.SESSION_NOT_FOUND, "You have no session with that id.")));
        if (caller.session().id().equals(id)) {
            response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        }
        io.noContent(response);
    }

    private void logoutEverywhere(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        int revoked = logins.endAllSessions(caller.account().id(), self(request));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        io.json(response, 200, new Views.Revoked(revoked));
    }

    private Actor self(ServerRequest request) {
        return Actor.self(addresses.of(request));
    }
}
