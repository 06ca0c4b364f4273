package dev.gatehouse.server.pages;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.account.PasswordChangeOutcome;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.DeviceName;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The signed-in person's own pages under {@code /account/}: profile, sessions, password. Each form
 * calls the same {@link LoginService} use case as the JSON API, so ending sessions and changing the
 * password keep every rule (the other sessions end, the audit trail records it).
 */
public final class AccountPages {
    private final Pages pages;
    private final LoginService logins;
    private final StepUpService stepUps;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final Throttle throttle;
    private final SecondFactorService factors;

    public AccountPages(
            Pages pages,
            LoginService logins,
            StepUpService stepUps,
            SessionService sessions,
            RefreshService refreshTokens,
            SecondFactorService factors,
            Throttle throttle) {
        this.factors = factors;
        this.pages = pages;
        this.logins = logins;
        this.stepUps = stepUps;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/account")
                .get(pages.html((request, response) -> pages.renderer().redirect(response, "/account/")))
                .register(routing, io);
        Route.at("/account/").get(pages.html(this::profile)).register(routing, io);
        Route.at("/account/sessions").get(pages.html(this::sessions)).register(routing, io);
        Route.at("/account/sessions/end-others")
                .post(pages.html(this::endOthers))
                .register(routing, io);
        Route.at("/account/sessions/end-all").post(pages.html(this::endAll)).register(routing, io);
        Route.at("/account/sessions/{id}/end").post(pages.html(this::endOne)).register(routing, io);
        Route.at("/account/password")
                .get(pages.html(this::showPassword))
                .post(pages.html(this::changePassword))
                .register(routing, io);
    }

    private void profile(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        pages.renderer()
                .send(
                        response,
                        200,
                        "account/profile.jte",
                        new ProfilePage(
                                chrome("Your account", caller, request),
                                caller.account().email().value(),
                                PageDates.format(caller.account().createdAt()),
                                sessions.list(caller.account().id()).size()));
    }

    private void sessions(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        Map<SessionId, ClientId> apps = refreshTokens
                .familiesOf(caller.account().id())
                .stream()
                .collect(Collectors.toMap(RefreshFamily::sessionId, RefreshFamily::clientId, (first, second) -> first));
        List<SessionRow> rows = sessions.list(caller.account().id()).stream()
                .sorted(Comparator.comparing(
                                (Session s) -> !s.id().equals(caller.session().id()))
                        .thenComparing(Session::lastSeenAt, Comparator.reverseOrder()))
                .map(s -> SessionRow.of(s, s.id().equals(caller.session().id()), Optional.ofNullable(apps.get(s.id()))))
                .toList();
        pages.renderer()
                .send(
                        response,
                        200,
                        "account/sessions.jte",
                        new SessionsPage(chrome("Your sessions", caller, request), rows));
    }

    private void endOne(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        Optional<SessionId> id = SessionId.parse(request.path().pathParameters().get("id"));
        boolean ended = id.isPresent() && logins.endSession(caller.account().id(), id.get(), self(request));
        if (ended && id.get().equals(caller.session().id())) {
            response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
            pages.renderer().redirect(response, "/login?notice=" + Notice.SIGNED_OUT.parameter());
            return;
        }
        // A session that already ended (in another tab, say) is no error: it is gone, as asked.
        pages.renderer().redirect(response, "/account/sessions?notice=" + Notice.SESSION_ENDED.parameter());
    }

    private void endOthers(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        logins.endOtherSessions(caller.account().id(), caller.session().id(), self(request));
        pages.renderer().redirect(response, "/account/sessions?notice=" + Notice.OTHER_SESSIONS_ENDED.parameter());
    }

    private void endAll(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        logins.endAllSessions(caller.account().id(), self(request));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        pages.renderer().redirect(response, "/login?notice=" + Notice.SIGNED_OUT_EVERYWHERE.parameter());
    }

    private void showPassword(ServerRequest request, ServerResponse response) {
        Caller caller = pages.requireCaller(request);
        sendPassword(response, 200, caller, chrome("Change password", caller, request));
    }

    /** A new password ends every other session of the account (in the use case), as the API's does. */
    private void changePassword(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = pages.requireCaller(request, form);
        String current = form.get("current_password").orElse("");
        String next = form.get("new_password").orElse("");
        String confirmation = form.get("new_password_again").orElse("");
        PageChrome chrome = pages.chrome("Change password", Optional.of(caller), List.of());
        if (current.isEmpty() || next.isEmpty()) {
            sendPassword(
                    response, 400, caller, chrome.withFlash(Flash.error("Enter your current and your new password.")));
            return;
        }
        if (!next.equals(confirmation)) {
            sendPassword(
                    response,
                    400,
                    caller,
                    chrome.withFlash(Flash.error("The two new passwords differ; type the same one twice.")));
            return;
        }
        throttle.attempt(
                request,
                LimitedAction.PASSWORD_CHANGE,
                Optional.of(caller.account().email().value()));
        PasswordChangeOutcome outcome = stepUps.changePassword(
                caller.account().id(),
                caller.session().id(),
                new Password(current),
                new Password(next),
                form.get("code").filter(c -> !c.isBlank()),
                self(request));
        switch (outcome) {
            case PasswordChangeOutcome.Changed changed ->
                pages.renderer().redirect(response, "/account/password?notice=" + Notice.PASSWORD_CHANGED.parameter());
            case PasswordChangeOutcome.WrongCurrentPassword wrong ->
                sendPassword(
                        response, 400, caller, chrome.withFlash(Flash.error("The current password is incorrect.")));
            case PasswordChangeOutcome.WeakPassword weak ->
                sendPassword(response, 400, caller, chrome.withFlash(Flash.error(PasswordAdvice.of(weak.problem()))));
            case PasswordChangeOutcome.SecondFactorRequired stepUp ->
                sendPassword(
                        response,
                        403,
                        caller,
                        chrome.withFlash(Flash.error("Enter the current code of your authenticator app too.")));
        }
    }

    private void sendPassword(ServerResponse response, int status, Caller caller, PageChrome chrome) {
        boolean askCode = factors.factors(caller.account().id()).any()
                && !stepUps.recentlyAuthenticated(caller.session(), StepUpService.STEP_UP_WINDOW);
        pages.renderer().send(response, status, "account/password.jte", new PasswordPage(chrome, askCode));
    }

    private PageChrome chrome(String title, Caller caller, ServerRequest request) {
        List<Flash> flashes = Notice.named(request.query().first("notice").asOptional()).stream()
                .map(Notice::flash)
                .toList();
        return pages.chrome(title, Optional.of(caller), flashes);
    }

    private Actor self(ServerRequest request) {
        return Actor.self(throttle.addresses().of(request));
    }

    /** @param liveSessions how many sessions the account has, this one included */
    public record ProfilePage(PageChrome chrome, String email, String createdAt, int liveSessions) {}

    public record SessionsPage(PageChrome chrome, List<SessionRow> sessions) {
        /** Whether there is any session besides the one looking at the page. */
        public boolean hasOthers() {
            return sessions.stream().anyMatch(s -> !s.current());
        }
    }

    /** @param askCode the account has a second factor the session has not shown lately: the form asks for a code */
    public record PasswordPage(PageChrome chrome, boolean askCode) {}

    /**
     * One session as its owner sees it.
     *
     * @param device browser and system guessed from the User-Agent ("Chrome on Linux")
     * @param app the client that signed in, for an app's token login
     */
    public record SessionRow(
            String id,
            String device,
            String ip,
            String createdAt,
            String lastSeenAt,
            boolean current,
            Optional<String> app) {
        static SessionRow of(Session session, boolean current, Optional<ClientId> app) {
            Optional<String> appName = session.kind() == SessionKind.APP
                    ? Optional.of(app.map(ClientId::value).orElse("An app"))
                    : Optional.empty();
            return new SessionRow(
                    session.id().value(),
                    DeviceName.describe(session.client().userAgent()),
                    session.client().ipAddress(),
                    PageDates.format(session.createdAt()),
                    PageDates.format(session.lastSeenAt()),
                    current,
                    appName);
        }
    }
}
