package dev.gatehouse.server.pages;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.EmailVerificationService;
import dev.gatehouse.core.email.VerificationOutcome;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.Throttle;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * The verification link's page, {@code /email/verify}: the token moves out of the URL on arrival, and
 * the address is verified only when the person gives the account's password and presses the button (a
 * POST), so a mail scanner that opens links does not use it up, and an address's owner who did not sign
 * up cannot verify a stranger's account for them ({@link EmailVerificationService#verify}). {@code POST /email/verify/resend} is the sign-in page's "send again".
 */
public final class EmailVerificationPages {
    private static final String INVALID_LINK =
            "This link is unknown, used, replaced by a newer one or expired. Sign in to have a new one sent.";

    private static final String WRONG_PASSWORD =
            "That is not this account's password. If you did not sign up, reset the password instead.";

    private final Pages pages;
    private final EmailVerificationService verifications;
    private final Throttle throttle;

    public EmailVerificationPages(Pages pages, EmailVerificationService verifications, Throttle throttle) {
        this.pages = pages;
        this.verifications = verifications;
        this.throttle = throttle;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/email/verify")
                .get(pages.html(this::show))
                .post(pages.html(this::verify))
                .register(routing, io);
        Route.at("/email/verify/resend").post(pages.html(this::resend)).register(routing, io);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Optional<String> presented = request.query().first("token").asOptional();
        if (presented.isPresent()) {
            response.header(HeaderNames.SET_COOKIE, LinkCookie.keep(presented.get()));
            pages.renderer().redirectWithoutReferrer(response, "/email/verify");
            return;
        }
        String csrf = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        200,
                        "verify/confirm.jte",
                        new ConfirmPage(
                                pages.chrome("Confirm your e-mail address", Optional.empty(), List.of()), csrf));
    }

    private void verify(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        throttle.refuseAfterTooManyFailures(request, LimitedAction.EMAIL_TOKEN);
        Optional<String> token = LinkCookie.read(request);
        VerificationOutcome outcome = token.isEmpty()
                ? new VerificationOutcome.InvalidToken()
                : verifications.verify(
                        token.get(),
                        new Password(form.get("password").orElse("")),
                        Actor.self(throttle.addresses().of(request)));
        if (outcome instanceof VerificationOutcome.Verified) {
            response.header(HeaderNames.SET_COOKIE, LinkCookie.cleared());
            pages.renderer().redirectWithoutReferrer(response, "/login?notice=" + Notice.EMAIL_VERIFIED.parameter());
            return;
        }
        throttle.failed(request, LimitedAction.EMAIL_TOKEN);
        // A wrong password keeps the link, so that the owner can type it again; a bad link is forgotten.
        boolean wrongPassword = outcome instanceof VerificationOutcome.WrongPassword;
        if (!wrongPassword) {
            response.header(HeaderNames.SET_COOKIE, LinkCookie.cleared());
        }
        String csrf = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        400,
                        "verify/confirm.jte",
                        new ConfirmPage(
                                pages.chrome(
                                        "Confirm your e-mail address",
                                        Optional.empty(),
                                        List.of(Flash.error(wrongPassword ? WRONG_PASSWORD : INVALID_LINK))),
                                csrf));
    }

    private void resend(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        String email = form.get("email").orElse("").strip();
        throttle.attempt(request, LimitedAction.EMAIL_LINK, Optional.of(email));
        verifications.resend(email, Actor.self(throttle.addresses().of(request)));
        pages.renderer().redirect(response, "/login?notice=" + Notice.VERIFICATION_SENT.parameter());
    }

    public record ConfirmPage(PageChrome chrome, String csrfToken) {}
}
