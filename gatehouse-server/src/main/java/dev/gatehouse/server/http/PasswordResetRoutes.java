package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.PasswordResetOutcome;
import dev.gatehouse.core.email.PasswordResetService;
import dev.gatehouse.core.limit.LimitedAction;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /v1/password-reset} asks for a link, {@code POST /v1/password-reset/complete} sets the
 * new password with its token. The request answers 202 with one body whether or not an account has the
 * address, after the same work (one outbox row): the mail is composed later, by the outbox worker.
 */
final class PasswordResetRoutes {
    static final String ACCEPTED =
            "If an account has this address, a link to set a new password is on its way; it works for 30 minutes.";

    private final PasswordResetService resets;
    private final CookieAuthentication authentication;
    private final Throttle throttle;
    private final HttpIo io;

    PasswordResetRoutes(
            PasswordResetService resets, CookieAuthentication authentication, Throttle throttle, HttpIo io) {
        this.resets = resets;
        this.authentication = authentication;
        this.throttle = throttle;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/password-reset").post(this::request).register(routing, io);
        Route.at("/v1/password-reset/complete").post(this::complete).register(routing, io);
    }

    private void request(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        String email = io.readJson(request, Requests.EmailOnly.class).requiredEmail();
        // Per address and per target address: the mails one victim can be sent are bounded.
        throttle.attempt(request, LimitedAction.PASSWORD_RESET, Optional.of(email));
        resets.request(email, Actor.self(throttle.addresses().of(request)));
        io.json(response, 202, new Views.Accepted("accepted", ACCEPTED));
    }

    private void complete(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        Requests.TokenAndPassword body = io.readJson(request, Requests.TokenAndPassword.class);
        throttle.refuseAfterTooManyFailures(request, LimitedAction.EMAIL_TOKEN);
        PasswordResetOutcome outcome = resets.complete(
                body.requiredToken(),
                new Password(body.requiredPassword()),
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case PasswordResetOutcome.Completed done ->
                io.json(response, 200, new Views.PasswordReset("password_changed", done.sessionsEnded()));
            case PasswordResetOutcome.InvalidToken invalid -> {
                throttle.failed(request, LimitedAction.EMAIL_TOKEN);
                throw new ProblemException(invalidLink());
            }
            case PasswordResetOutcome.WeakPassword weak ->
                throw new ProblemException(AccountRoutes.weakPassword(weak.problem()));
        }
    }

    static Problem invalidLink() {
        return Problem.of(
                ProblemType.INVALID_LINK,
                "This link is unknown, used, replaced by a newer one or expired; ask for a new one.");
    }
}
