package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.AddressChangeOutcome;
import dev.gatehouse.core.email.AddressChangeService;
import dev.gatehouse.core.limit.LimitedAction;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/email} asks to move the caller's account to another address (current password
 * required); {@code POST /v1/email/complete} uses the link mailed to the new address.
 */
final class AddressChangeRoutes {
    private final AddressChangeService changes;
    private final CookieAuthentication authentication;
    private final Throttle throttle;
    private final HttpIo io;

    AddressChangeRoutes(
            AddressChangeService changes, CookieAuthentication authentication, Throttle throttle, HttpIo io) {
        this.changes = changes;
        this.authentication = authentication;
        this.throttle = throttle;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/email").post(this::request).register(routing, io);
        Route.at("/v1/email/complete").post(this::complete).register(routing, io);
    }

    private void request(ServerRequest request, ServerResponse response) {
        Caller caller = authentication.requireForUnsafe(request);
        Requests.AddressChange body = io.readJson(request, Requests.AddressChange.class);
        throttle.attempt(
                request,
                LimitedAction.EMAIL_LINK,
                Optional.of(caller.account().email().value()));
        AddressChangeOutcome outcome = changes.request(
                caller.account(),
                caller.session(),
                new Password(body.requiredCurrent()),
                Optional.ofNullable(body.code()),
                body.requiredNew(),
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case AddressChangeOutcome.Requested requested ->
                io.json(
                        response,
                        202,
                        new Views.Accepted(
                                "accepted",
                                "A link is on its way to the new address; nothing changes until it is followed."));
            case AddressChangeOutcome.WrongPassword wrong ->
                throw new ProblemException(
                        Problem.of(ProblemType.WRONG_CURRENT_PASSWORD, "The current password is incorrect."));
            case AddressChangeOutcome.SecondFactorRequired stepUp ->
                throw new ProblemException(Problem.of(
                        ProblemType.STEP_UP_REQUIRED,
                        "This account has a second factor: send the current password with the authenticator"
                                + " app's current code as code."));
            case AddressChangeOutcome.Throttled throttled -> throw Throttle.tooManyRequests(throttled.retryAfter());
            case AddressChangeOutcome.InvalidEmail invalid ->
                throw new ProblemException(Problem.of(
                        ProblemType.INVALID_EMAIL, "That is not a usable email address, or it is the account's own."));
            case AddressChangeOutcome.Changed changed -> throw new IllegalStateException("changed before confirmed");
            case AddressChangeOutcome.InvalidToken invalid -> throw new IllegalStateException("no token was used");
        }
    }

    private void complete(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        Requests.TokenOnly body = io.readJson(request, Requests.TokenOnly.class);
        throttle.refuseAfterTooManyFailures(request, LimitedAction.EMAIL_TOKEN);
        AddressChangeOutcome outcome = changes.confirm(
                body.requiredToken(), Actor.self(throttle.addresses().of(request)));
        if (outcome instanceof AddressChangeOutcome.Changed changed) {
            io.json(
                    response,
                    200,
                    Map.of(
                            "status",
                            "changed",
                            "email",
                            changed.account().email().value()));
            return;
        }
        throttle.failed(request, LimitedAction.EMAIL_TOKEN);
        throw new ProblemException(PasswordResetRoutes.invalidLink());
    }
}
