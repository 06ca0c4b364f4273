package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.EmailVerificationService;
import dev.gatehouse.core.email.VerificationOutcome;
import dev.gatehouse.core.limit.LimitedAction;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/email-verification} sends the verification link again (202 whatever the address);
 * {@code POST /v1/email-verification/complete} uses its token, with the account's password (see
 * {@link EmailVerificationService#verify}).
 */
final class EmailVerificationRoutes {
    private final EmailVerificationService verifications;
    private final CookieAuthentication authentication;
    private final Throttle throttle;
    private final HttpIo io;

    EmailVerificationRoutes(
            EmailVerificationService verifications, CookieAuthentication authentication, Throttle throttle, HttpIo io) {
        this.verifications = verifications;
        this.authentication = authentication;
        this.throttle = throttle;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/email-verification").post(this::resend).register(routing, io);
        Route.at("/v1/email-verification/complete").post(this::complete).register(routing, io);
    }

    /** The problem a sign-in gets while the address is not verified: the password was right. */
    static Problem notVerified() {
        return Problem.of(
                ProblemType.EMAIL_NOT_VERIFIED,
                "Confirm your e-mail address first: follow the link mailed to it, or have it sent again with"
                        + " POST /v1/email-verification.");
    }

    private void resend(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        String email = io.readJson(request, Requests.EmailOnly.class).requiredEmail();
        throttle.attempt(request, LimitedAction.EMAIL_LINK, Optional.of(email));
        verifications.resend(email, Actor.self(throttle.addresses().of(request)));
        io.json(
                response,
                202,
                new Views.Accepted(
                        "accepted", "If an account with this address awaits verification, a new link is on its way."));
    }

    private void complete(ServerRequest request, ServerResponse response) {
        authentication.requireTrustedOrigin(request);
        Requests.TokenAndPassword body = io.readJson(request, Requests.TokenAndPassword.class);
        throttle.refuseAfterTooManyFailures(request, LimitedAction.EMAIL_TOKEN);
        VerificationOutcome outcome = verifications.verify(
                body.requiredToken(),
                new Password(body.requiredPassword()),
                Actor.self(throttle.addresses().of(request)));
        if (outcome instanceof VerificationOutcome.Verified verified) {
            io.json(
                    response,
                    200,
                    Map.of(
                            "status",
                            "verified",
                            "email",
                            verified.account().email().value()));
            return;
        }
        throttle.failed(request, LimitedAction.EMAIL_TOKEN);
        if (outcome instanceof VerificationOutcome.WrongPassword) {
            throw new ProblemException(Problem.of(
                    ProblemType.INVALID_CREDENTIALS,
                    "The password is not this account's. If you did not sign up, reset the password instead:"
                            + " POST /v1/password-reset."));
        }
        throw new ProblemException(PasswordResetRoutes.invalidLink());
    }
}
