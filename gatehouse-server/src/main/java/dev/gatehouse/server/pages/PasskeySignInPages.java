package dev.gatehouse.server.pages;

import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.PasskeyLoginAttempt;
import dev.gatehouse.core.login.PasskeyStart;
import dev.gatehouse.core.login.SecondFactorAttempt;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.CeremonyStart;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.server.http.DeviceCookie;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.PasskeyCookie;
import dev.gatehouse.server.http.PendingLoginCookie;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.Throttle;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Passkeys on the sign-in pages: {@code /login/passkey} signs in with a discoverable passkey and no
 * password; {@code /login/second-factor/passkey} shows one as the second step after the password. Each has
 * an {@code options} twin that the page's script asks first (with the form's CSRF token) for the challenge,
 * which it gets in a {@link PasskeyCookie}. The rules (limits, lock-out, audit, which account's passkeys)
 * are {@link LoginService}'s, as for a password; the sign-in ends as the password's does.
 */
public final class PasskeySignInPages {
    private final Pages pages;
    private final LoginService logins;
    private final SessionService sessions;
    private final Throttle throttle;
    private final HttpIo io;
    private final String rpId;

    /** @param rpId the relying party id: the issuer's host */
    public PasskeySignInPages(
            Pages pages, LoginService logins, SessionService sessions, Throttle throttle, HttpIo io, String rpId) {
        this.pages = pages;
        this.logins = logins;
        this.sessions = sessions;
        this.throttle = throttle;
        this.io = io;
        this.rpId = rpId;
    }

    public void register(HttpRouting.Builder routing) {
        Route.at("/login/passkey/options").post(pages.html(this::signInOptions)).register(routing, io);
        Route.at("/login/passkey").post(pages.html(this::signIn)).register(routing, io);
        Route.at("/login/second-factor/passkey/options")
                .post(pages.html(this::secondFactorOptions))
                .register(routing, io);
        Route.at("/login/second-factor/passkey")
                .post(pages.html(this::secondFactor))
                .register(routing, io);
    }

    private void signInOptions(ServerRequest request, ServerResponse response) {
        pages.requirePreSessionToken(request, FormBody.read(request));
        switch (logins.beginPasskeySignIn(throttle.addresses().of(request))) {
            // Any discoverable credential may answer; the user verified, since no password comes with it.
            case PasskeyStart.Started started -> sendOptions(response, started.ceremony(), "required");
            case PasskeyStart.Throttled throttled -> {
                response.header("Retry-After", Long.toString(Pages.seconds(throttled.retryAfter())));
                pages.error(response, 429, "Too many attempts", Pages.throttledMessage(throttled.retryAfter()));
            }
        }
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        Optional<String> returnTo = ReturnTo.validate(form.get("return_to"));
        Optional<String> binding = PasskeyCookie.read(request);
        Optional<AssertionResponse> answer = PasskeyFields.assertion(form);
        response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.cleared());
        if (binding.isEmpty() || answer.isEmpty()) {
            back(response, "/login", returnTo, Notice.PASSKEY_REFUSED);
            return;
        }
        LoginOutcome outcome = logins.loginWithPasskey(new PasskeyLoginAttempt(
                binding.get(),
                answer.get(),
                throttle.addresses().details(request),
                DeviceCookie.read(request),
                pages.authentication().presentedToken(request)));
        finish(response, outcome, "/login", returnTo, false);
    }

    private void secondFactorOptions(ServerRequest request, ServerResponse response) {
        pages.requirePreSessionToken(request, FormBody.read(request));
        throttle.attempt(request, LimitedAction.LOGIN, Optional.empty());
        Optional<CeremonyStart> start = PendingLoginCookie.read(request).flatMap(logins::beginPasskeySecondFactor);
        if (start.isEmpty()) {
            pages.error(response, 409, "Sign in again", "That sign-in expired or was used up: sign in again.");
            return;
        }
        // The password came first: the passkey need only be present; the key's own PIN is welcome.
        sendOptions(response, start.get(), "preferred");
    }

    private void secondFactor(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        Optional<String> returnTo = ReturnTo.validate(form.get("return_to"));
        Optional<String> pending = PendingLoginCookie.read(request);
        if (pending.isEmpty()) {
            pages.renderer().redirect(response, "/login?notice=" + Notice.SIGN_IN_AGAIN.parameter());
            return;
        }
        Optional<String> binding = PasskeyCookie.read(request);
        Optional<AssertionResponse> answer = PasskeyFields.assertion(form);
        response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.cleared());
        if (binding.isEmpty() || answer.isEmpty()) {
            back(response, "/login/second-factor", returnTo, Notice.PASSKEY_REFUSED);
            return;
        }
        LoginOutcome outcome = logins.completeLogin(new SecondFactorAttempt(
                pending.get(),
                new SecondFactorAttempt.PasskeyAssertion(binding.get(), answer.get()),
                throttle.addresses().details(request),
                DeviceCookie.read(request),
                new LoginAttempt.Browser(pages.authentication().presentedToken(request))));
        finish(response, outcome, "/login/second-factor", returnTo, true);
    }

    private void finish(
            ServerResponse response,
            LoginOutcome outcome,
            String page,
            Optional<String> returnTo,
            boolean afterPassword) {
        switch (outcome) {
            case LoginOutcome.LoggedIn loggedIn ->
                SignInPages.signedIn(pages, sessions, response, loggedIn, returnTo, afterPassword);
            case LoginOutcome.Throttled throttled -> {
                Duration wait = throttled.retryAfter();
                response.header("Retry-After", Long.toString(Pages.seconds(wait)));
                pages.error(response, 429, "Too many attempts", Pages.throttledMessage(wait));
            }
            case LoginOutcome.SignInAgain again -> {
                response.headers().add(HeaderNames.SET_COOKIE, PendingLoginCookie.cleared());
                back(response, "/login", returnTo, Notice.SIGN_IN_AGAIN);
            }
            case LoginOutcome.EmailNotVerified unverified ->
                back(response, "/login", returnTo, Notice.PASSKEY_EMAIL_NOT_VERIFIED);
            // Refused, and what a browser's passkey cannot meet: all read the same.
            default -> back(response, page, returnTo, Notice.PASSKEY_REFUSED);
        }
    }

    /** Back to {@code page} with a notice, keeping where the sign-in was to continue to. */
    private void back(ServerResponse response, String page, Optional<String> returnTo, Notice notice) {
        pages.renderer()
                .redirect(
                        response,
                        page + "?notice=" + notice.parameter()
                                + returnTo.map(r -> "&return_to=" + URLEncoder.encode(r, StandardCharsets.UTF_8))
                                        .orElse(""));
    }

    private void sendOptions(ServerResponse response, CeremonyStart start, String userVerification) {
        response.headers().add(HeaderNames.SET_COOKIE, PasskeyCookie.set(start.bindingToken()));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        io.json(response, 200, PasskeyOptions.request(start, rpId, userVerification));
    }
}
