package dev.gatehouse.server.pages;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.PasswordResetOutcome;
import dev.gatehouse.core.email.PasswordResetService;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.PasswordAdvice;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.SessionCookie;
import dev.gatehouse.server.http.Throttle;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * "Forgot password" in the browser: {@code /password-reset} asks for a link, {@code /password-reset/new}
 * sets the new password with it, through {@link PasswordResetService} as the API does. The link's token
 * leaves the address bar on arrival: it moves into a cookie only this server reads (HttpOnly, Secure,
 * {@code __Host-}) and the browser is sent on to the same page without it, with no {@code Referer}.
 */
public final class PasswordResetPages {
    private static final String INVALID_LINK =
            "This link is unknown, used, replaced by a newer one or expired. Ask for a new one below.";

    private final Pages pages;
    private final PasswordResetService resets;
    private final Throttle throttle;

    public PasswordResetPages(Pages pages, PasswordResetService resets, Throttle throttle) {
        this.pages = pages;
        this.resets = resets;
        this.throttle = throttle;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/password-reset")
                .get(pages.html(this::showRequest))
                .post(pages.html(this::request))
                .register(routing, io);
        Route.at("/password-reset/new")
                .get(pages.html(this::showNewPassword))
                .post(pages.html(this::setNewPassword))
                .register(routing, io);
    }

    private void showRequest(ServerRequest request, ServerResponse response) {
        sendRequest(request, response, 200, "", List.of());
    }

    /** The same redirect and words whether or not an account has the address, as the API's 202. */
    private void request(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        String email = form.get("email").orElse("").strip();
        if (email.isEmpty()) {
            sendRequest(request, response, 400, email, List.of(Flash.error("Enter your e-mail address.")));
            return;
        }
        throttle.attempt(request, LimitedAction.PASSWORD_RESET, Optional.of(email));
        resets.request(email, Actor.self(throttle.addresses().of(request)));
        pages.renderer().redirect(response, "/login?notice=" + Notice.RESET_SENT.parameter());
    }

    /**
     * With {@code ?token=}: keeps the token in a cookie and sends the browser on without it. Without:
     * the form, when the kept token can still be used.
     */
    private void showNewPassword(ServerRequest request, ServerResponse response) {
        Optional<String> presented = request.query().first("token").asOptional();
        if (presented.isPresent()) {
            response.header(HeaderNames.SET_COOKIE, LinkCookie.keep(presented.get()));
            pages.renderer().redirectWithoutReferrer(response, "/password-reset/new");
            return;
        }
        Optional<String> token = LinkCookie.read(request);
        if (token.isEmpty() || !resets.isUsable(token.get())) {
            response.header(HeaderNames.SET_COOKIE, LinkCookie.cleared());
            sendRequest(request, response, 400, "", List.of(Flash.error(INVALID_LINK)));
            return;
        }
        sendNewPassword(request, response, 200, List.of());
    }

    private void setNewPassword(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        throttle.refuseAfterTooManyFailures(request, LimitedAction.EMAIL_TOKEN);
        String password = form.get("password").orElse("");
        Optional<String> token = LinkCookie.read(request);
        if (token.isEmpty()) {
            throttle.failed(request, LimitedAction.EMAIL_TOKEN);
            sendRequest(request, response, 400, "", List.of(Flash.error(INVALID_LINK)));
            return;
        }
        if (password.isEmpty()) {
            sendNewPassword(request, response, 400, List.of(Flash.error("Enter a new password.")));
            return;
        }
        PasswordResetOutcome outcome = resets.complete(
                token.get(),
                new Password(password),
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case PasswordResetOutcome.Completed done -> {
                // Every session ended, this browser's too: its cookie goes with the used link's.
                response.headers().add(HeaderNames.SET_COOKIE, LinkCookie.cleared(), SessionCookie.cleared());
                pages.renderer()
                        .redirectWithoutReferrer(response, "/login?notice=" + Notice.PASSWORD_RESET.parameter());
            }
            case PasswordResetOutcome.InvalidToken invalid -> {
                throttle.failed(request, LimitedAction.EMAIL_TOKEN);
                response.header(HeaderNames.SET_COOKIE, LinkCookie.cleared());
                sendRequest(request, response, 400, "", List.of(Flash.error(INVALID_LINK)));
            }
            case PasswordResetOutcome.WeakPassword weak ->
                sendNewPassword(request, response, 400, List.of(Flash.error(PasswordAdvice.of(weak.problem()))));
        }
    }

    private void sendRequest(
            ServerRequest request, ServerResponse response, int status, String email, List<Flash> flashes) {
        String csrf = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        status,
                        "reset/request.jte",
                        new RequestPage(pages.chrome("Forgot your password?", Optional.empty(), flashes), csrf, email));
    }

    private void sendNewPassword(ServerRequest request, ServerResponse response, int status, List<Flash> flashes) {
        String csrf = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        status,
                        "reset/new.jte",
                        new NewPasswordPage(pages.chrome("Set a new password", Optional.empty(), flashes), csrf));
    }

    public record RequestPage(PageChrome chrome, String csrfToken, String email) {}

    public record NewPasswordPage(PageChrome chrome, String csrfToken) {}
}
