package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordProblem;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.account.SignUpOutcome;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.server.config.RegistrationMode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** {@code POST /v1/accounts}: sign-up, when registration is open. */
final class AccountRoutes {
    private final AccountService accounts;
    private final RegistrationMode registration;
    private final CookieAuthentication authentication;
    private final HttpIo io;

    private final Throttle throttle;

    AccountRoutes(
            AccountService accounts,
            RegistrationMode registration,
            CookieAuthentication authentication,
            Throttle throttle,
            HttpIo io) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.registration = registration;
        this.authentication = authentication;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/accounts").post(this::signUp).register(routing, io);
    }

    /**
     * A new address and an already registered one get the same 202 and cost the same hash, so sign-up
     * cannot be used to learn who has an account.
     */
    private void signUp(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        if (registration == RegistrationMode.CLOSED) {
            throw new ProblemException(Problem.of(
                    ProblemType.REGISTRATION_CLOSED,
                    "This server does not accept sign-ups; ask an administrator for an account."));
        }
        Requests.Credentials body = io.readJson(request, Requests.Credentials.class);
        throttle.attempt(request, LimitedAction.SIGN_UP, Optional.of(body.requiredEmail()));
        SignUpOutcome outcome = accounts.signUp(
                body.requiredEmail(),
                new Password(body.requiredPassword()),
                Role.USER,
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case SignUpOutcome.Created created -> accepted(response);
            case SignUpOutcome.AlreadyRegistered already -> accepted(response);
            case SignUpOutcome.InvalidEmail invalid ->
                throw new ProblemException(
                        Problem.of(ProblemType.INVALID_EMAIL, "That is not a usable email address."));
            case SignUpOutcome.WeakPassword weak -> throw new ProblemException(weakPassword(weak.problem()));
        }
    }

    private void accepted(ServerResponse response) {
        io.json(
                response,
                202,
                new Views.Accepted(
                        "accepted",
                        "If this address was not registered yet, its account exists now: log in to use it."));
    }

    static Problem weakPassword(PasswordProblem problem) {
        return Problem.of(ProblemType.WEAK_PASSWORD, PasswordAdvice.of(problem));
    }
}
