package dev.gatehouse.server.pages;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.HashingBusyException;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.account.SignUpOutcome;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.SecondFactorAttempt;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.server.config.RegistrationMode;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.DeviceCookie;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.PasswordAdvice;
import dev.gatehouse.server.http.PendingLoginCookie;
import dev.gatehouse.server.http.Problem;
import dev.gatehouse.server.http.ProblemException;
import dev.gatehouse.server.http.ProblemType;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.SessionCookie;
import dev.gatehouse.server.http.Throttle;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hosted sign-in, sign-up and sign-out: {@code /login}, {@code /signup}, {@code POST /logout}.
 * Sign-in goes through {@link LoginService#login} exactly as {@code POST /v1/sessions} does, so the
 * rate limits, lock-out, device cookie and audit are the same, and sets the same session cookie.
 */
public final class SignInPages {
    /** One message for an unknown address, a wrong password and a locked account: nothing is revealed. */
    static final String REFUSED = "That e-mail address and password do not match an account.";

    private final Pages pages;
    private final LoginService logins;
    private final AccountService accounts;
    private final SessionService sessions;
    private final RegistrationMode registration;
    private final Throttle throttle;
    private final Function<String, List<String>> formTargets;

    /**
     * @param formTargets the origins a sign-in that continues to {@code return_to} may end at (an app's
     *     redirect URI, for an authorization request), for the page's {@code form-action}
     */
    public SignInPages(
            Pages pages,
            LoginService logins,
            AccountService accounts,
            SessionService sessions,
            RegistrationMode registration,
            Throttle throttle,
            Function<String, List<String>> formTargets) {
        this.formTargets = formTargets;
        this.pages = pages;
        this.logins = logins;
        this.accounts = accounts;
        this.sessions = sessions;
        this.registration = registration;
        this.throttle = throttle;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/login")
                .get(pages.html(this::showLogin))
                .post(pages.html(this::login))
                .register(routing, io);
        Route.at("/login/second-factor")
                .get(pages.html(this::showSecondFactor))
                .post(pages.html(this::secondFactor))
                .register(routing, io);
        Route.at("/signup")
                .get(pages.html(this::showSignUp))
                .post(pages.html(this::signUp))
                .register(routing, io);
        Route.at("/logout").post(pages.html(this::logout)).register(routing, io);
    }

    /** The sign-in form; someone already signed in goes straight on. */
    private void showLogin(ServerRequest request, ServerResponse response) {
        Optional<String> returnTo =
                ReturnTo.validate(request.query().first("return_to").asOptional());
        // OpenID Connect's prompt=login (or max_age) asks for the form even though the browser is signed in.
        boolean signInAgain = request.query()
                .first("prompt")
                .asOptional()
                .filter("login"::equals)
                .isPresent();
        if (!signInAgain && pages.authentication().identify(request).isPresent()) {
            pages.renderer().redirect(response, returnTo.orElse(ReturnTo.DEFAULT));
            return;
        }
        List<Flash> flashes = Notice.named(request.query().first("notice").asOptional()).stream()
                .map(Notice::flash)
                .toList();
        String loginHint = request.query().first("login_hint").asOptional().orElse("");
        sendLogin(request, response, 200, returnTo, loginHint, flashes);
    }

    private void login(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        Optional<String> returnTo = ReturnTo.validate(form.get("return_to"));
        String email = form.get("email").orElse("");
        String password = form.get("password").orElse("");
        if (email.isBlank() || password.isEmpty()) {
            sendLogin(
                    request,
                    response,
                    400,
                    returnTo,
                    email,
                    List.of(Flash.error("Enter your e-mail address and password.")));
            return;
        }
        LoginOutcome outcome;
        try {
            outcome = logins.login(new LoginAttempt(
                    email,
                    new Password(password),
                    throttle.addresses().details(request),
                    DeviceCookie.read(request),
                    new LoginAttempt.Browser(pages.authentication().presentedToken(request))));
        } catch (HashingBusyException e) {
            response.header("Retry-After", Long.toString(Pages.seconds(e.retryAfter())));
            sendLogin(request, response, 503, returnTo, email, List.of(Flash.error(Pages.busyMessage(e.retryAfter()))));
            return;
        }
        switch (outcome) {
            case LoginOutcome.LoggedIn loggedIn -> signedIn(response, loggedIn, returnTo, false);
            case LoginOutcome.Throttled throttled -> {
                Duration wait = throttled.retryAfter();
                response.header("Retry-After", Long.toString(Pages.seconds(wait)));
                sendLogin(request, response, 429, returnTo, email, List.of(Flash.error(Pages.throttledMessage(wait))));
            }
            case LoginOutcome.SecondFactorRequired required -> {
                response.header(HeaderNames.SET_COOKIE, PendingLoginCookie.set(required.token()));
                pages.renderer()
                        .redirect(
                                response,
                                "/login/second-factor"
                                        + returnTo.map(r -> "?return_to="
                                                        + java.net.URLEncoder.encode(
                                                                r, java.nio.charset.StandardCharsets.UTF_8))
                                                .orElse(""));
            }
            // A browser login names no client, so only Refused can happen here; all read the same.
            case LoginOutcome.Refused refused -> refused(request, response, returnTo, email);
            case LoginOutcome.SignInAgain again -> refused(request, response, returnTo, email);
            case LoginOutcome.InvalidClient invalid -> refused(request, response, returnTo, email);
            case LoginOutcome.ScopeRefused scope -> refused(request, response, returnTo, email);
            case LoginOutcome.EmailNotVerified unverified ->
                sendLogin(
                        request,
                        response,
                        403,
                        returnTo,
                        email,
                        List.of(Flash.error("Confirm your e-mail address first: follow the link we mailed to it."
                                + " No mail? Have it sent again below.")),
                        true);
        }
    }

    /** The session cookie and the device cookie, exactly as the API sets them, then on to {@code returnTo}. */
    private void signedIn(
            ServerResponse response, LoginOutcome.LoggedIn loggedIn, Optional<String> returnTo, boolean afterCode) {
        signedIn(pages, sessions, response, loggedIn, returnTo, afterCode);
    }

    /** Shared with {@link PasskeySignInPages}: a passkey's sign-in ends exactly as a password's. */
    static void signedIn(
            Pages pages,
            SessionService sessions,
            ServerResponse response,
            LoginOutcome.LoggedIn loggedIn,
            Optional<String> returnTo,
            boolean afterCode) {
        String session =
                SessionCookie.set(loggedIn.session().token(), sessions.policy().absoluteTimeout());
        String device = DeviceCookie.set(loggedIn.deviceToken());
        if (afterCode) {
            response.headers().add(HeaderNames.SET_COOKIE, session, device, PendingLoginCookie.cleared());
        } else {
            response.headers().add(HeaderNames.SET_COOKIE, session, device);
        }
        pages.renderer().redirect(response, returnTo.orElse(ReturnTo.DEFAULT));
    }

    /** The second step: the code of the authenticator app, or a recovery code, for the pending login in the cookie. */
    private void showSecondFactor(ServerRequest request, ServerResponse response) {
        Optional<String> returnTo =
                ReturnTo.validate(request.query().first("return_to").asOptional());
        if (PendingLoginCookie.read(request).isEmpty()) {
            pages.renderer().redirect(response, "/login?notice=" + Notice.SIGN_IN_AGAIN.parameter());
            return;
        }
        List<Flash> flashes = Notice.named(request.query().first("notice").asOptional()).stream()
                .map(Notice::flash)
                .toList();
        sendSecondFactor(request, response, 200, returnTo, flashes);
    }

    private void secondFactor(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        Optional<String> returnTo = ReturnTo.validate(form.get("return_to"));
        Optional<String> pending = PendingLoginCookie.read(request);
        Optional<String> code = form.get("code").filter(c -> !c.isBlank());
        Optional<String> recovery = form.get("recovery_code").filter(c -> !c.isBlank());
        if (pending.isEmpty()) {
            pages.renderer().redirect(response, "/login?notice=" + Notice.SIGN_IN_AGAIN.parameter());
            return;
        }
        if (code.isEmpty() && recovery.isEmpty()) {
            sendSecondFactor(request, response, 400, returnTo, List.of(Flash.error("Enter the code your app shows.")));
            return;
        }
        SecondFactorAttempt.Proof proof = code.isPresent()
                ? new SecondFactorAttempt.TotpCode(code.get())
                : new SecondFactorAttempt.RecoveryCode(recovery.orElseThrow());
        LoginOutcome outcome = logins.completeLogin(new SecondFactorAttempt(
                pending.get(),
                proof,
                throttle.addresses().details(request),
                DeviceCookie.read(request),
                new LoginAttempt.Browser(pages.authentication().presentedToken(request))));
        switch (outcome) {
            case LoginOutcome.LoggedIn loggedIn -> signedIn(response, loggedIn, returnTo, true);
            case LoginOutcome.Throttled throttled -> {
                Duration wait = throttled.retryAfter();
                response.header("Retry-After", Long.toString(Pages.seconds(wait)));
                sendSecondFactor(request, response, 429, returnTo, List.of(Flash.error(Pages.throttledMessage(wait))));
            }
            case LoginOutcome.SignInAgain again -> {
                response.header(HeaderNames.SET_COOKIE, PendingLoginCookie.cleared());
                pages.renderer().redirect(response, "/login?notice=" + Notice.SIGN_IN_AGAIN.parameter());
            }
            default ->
                sendSecondFactor(
                        request,
                        response,
                        400,
                        returnTo,
                        List.of(Flash.error(
                                "That code is not right. Check the time on your phone, or use a recovery" + " code.")));
        }
    }

    private void sendSecondFactor(
            ServerRequest request,
            ServerResponse response,
            int status,
            Optional<String> returnTo,
            List<Flash> flashes) {
        String token = pages.csrf().preSessionToken(request, response);
        List<String> methods = PendingLoginCookie.read(request)
                .map(logins::pendingLoginMethods)
                .orElse(List.of());
        pages.renderer()
                .send(
                        response,
                        status,
                        "loginSecondFactor.jte",
                        new SecondFactorPage(
                                pages.chrome("Second factor", Optional.empty(), flashes),
                                token,
                                returnTo,
                                methods.isEmpty() || methods.contains("totp"),
                                methods.contains("passkey")),
                        // The code's form, too, may end at the app that asked for the sign-in.
                        returnTo.map(formTargets).orElse(List.of()));
    }

    private void refused(ServerRequest request, ServerResponse response, Optional<String> returnTo, String email) {
        sendLogin(request, response, 400, returnTo, email, List.of(Flash.error(REFUSED)));
    }

    private void sendLogin(
            ServerRequest request,
            ServerResponse response,
            int status,
            Optional<String> returnTo,
            String email,
            List<Flash> flashes) {
        sendLogin(request, response, status, returnTo, email, flashes, false);
    }

    private void sendLogin(
            ServerRequest request,
            ServerResponse response,
            int status,
            Optional<String> returnTo,
            String email,
            List<Flash> flashes,
            boolean offerVerificationMail) {
        String token = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        status,
                        "login.jte",
                        new LoginPage(
                                pages.chrome("Sign in", Optional.empty(), flashes),
                                token,
                                email,
                                returnTo,
                                registration == RegistrationMode.OPEN,
                                offerVerificationMail),
                        returnTo.map(formTargets).orElse(List.of()));
    }

    private void showSignUp(ServerRequest request, ServerResponse response) {
        requireOpenRegistration();
        if (pages.authentication().identify(request).isPresent()) {
            pages.renderer().redirect(response, ReturnTo.DEFAULT);
            return;
        }
        sendSignUp(request, response, 200, "", List.of());
    }

    /**
     * A new address and one already registered end the same way — on the sign-in page with the same
     * words — so sign-up cannot be used to learn who has an account (as {@code POST /v1/accounts}).
     */
    private void signUp(ServerRequest request, ServerResponse response) {
        requireOpenRegistration();
        FormBody form = FormBody.read(request);
        pages.requirePreSessionToken(request, form);
        String email = form.get("email").orElse("");
        String password = form.get("password").orElse("");
        if (email.isBlank() || password.isEmpty()) {
            sendSignUp(request, response, 400, email, List.of(Flash.error("Enter an e-mail address and a password.")));
            return;
        }
        throttle.attempt(request, LimitedAction.SIGN_UP, Optional.of(email));
        SignUpOutcome outcome = accounts.signUp(
                email,
                new Password(password),
                Role.USER,
                Actor.self(throttle.addresses().of(request)));
        switch (outcome) {
            case SignUpOutcome.Created created -> signedUp(response);
            case SignUpOutcome.AlreadyRegistered already -> signedUp(response);
            case SignUpOutcome.InvalidEmail invalid ->
                sendSignUp(request, response, 400, email, List.of(Flash.error("That is not a usable e-mail address.")));
            case SignUpOutcome.WeakPassword weak ->
                sendSignUp(request, response, 400, email, List.of(Flash.error(PasswordAdvice.of(weak.problem()))));
        }
    }

    private void requireOpenRegistration() {
        if (registration == RegistrationMode.CLOSED) {
            throw new ProblemException(Problem.of(
                    ProblemType.REGISTRATION_CLOSED,
                    "This server does not accept sign-ups; ask an administrator for an account."));
        }
    }

    private void signedUp(ServerResponse response) {
        pages.renderer().redirect(response, "/login?notice=" + Notice.SIGNED_UP.parameter());
    }

    private void sendSignUp(
            ServerRequest request, ServerResponse response, int status, String email, List<Flash> flashes) {
        String token = pages.csrf().preSessionToken(request, response);
        pages.renderer()
                .send(
                        response,
                        status,
                        "signup.jte",
                        new SignUpPage(pages.chrome("Create an account", Optional.empty(), flashes), token, email));
    }

    /** Sign-out is a form post with the session's CSRF token, so no other site can sign a person out. */
    private void logout(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        logins.logout(
                caller.account().id(),
                caller.session().id(),
                Actor.self(throttle.addresses().of(request)));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        pages.renderer().redirect(response, "/login?notice=" + Notice.SIGNED_OUT.parameter());
    }

    /**
     * @param csrfToken this browser's pre-session form token
     * @param email what was typed last time, so a typo in the password does not cost the address too
     * @param returnTo where to continue after signing in, already checked by {@link ReturnTo}
     */
    public record LoginPage(
            PageChrome chrome,
            String csrfToken,
            String email,
            Optional<String> returnTo,
            boolean signUpOpen,
            boolean offerVerificationMail) {}

    /**
     * The second step of a sign-in: the form for a code, a passkey, or both.
     *
     * @param totp whether to offer the authenticator app's code and a recovery code
     * @param passkey whether to offer a passkey
     */
    public record SecondFactorPage(
            PageChrome chrome, String csrfToken, Optional<String> returnTo, boolean totp, boolean passkey) {}

    public record SignUpPage(PageChrome chrome, String csrfToken, String email) {}
}
