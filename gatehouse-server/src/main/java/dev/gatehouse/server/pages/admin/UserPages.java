package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.email.PasswordResetService;
import dev.gatehouse.core.factor.Factors;
import dev.gatehouse.core.factor.SecondFactorService;
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
import dev.gatehouse.server.http.ProblemType;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.pages.Flash;
import dev.gatehouse.server.pages.PageChrome;
import dev.gatehouse.server.pages.PageDates;
import dev.gatehouse.server.pages.Reauthentication;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /admin/users}: find users by e-mail, see one with their sessions and token logins, lock,
 * unlock, sign out everywhere, end one login, delete (after a confirmation page, and the password again
 * when the sign-in is old). Every act is an {@link AdminService} use case.
 */
public final class UserPages {
    static final int PAGE_SIZE = 25;

    private final AdminConsole console;
    private final AdminService admin;
    private final AccountService accounts;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final SecondFactorService factors;
    private final PasswordResetService passwordResets;

    UserPages(
            AdminConsole console,
            AdminService admin,
            AccountService accounts,
            SessionService sessions,
            RefreshService refreshTokens,
            SecondFactorService factors,
            PasswordResetService passwordResets) {
        this.factors = factors;
        this.passwordResets = passwordResets;
        this.console = console;
        this.admin = admin;
        this.accounts = accounts;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
    }

    void register(HttpRouting.Builder routing, HttpIo io) {
        var pages = console.pages();
        Route.at("/admin/users").get(pages.html(this::list)).register(routing, io);
        Route.at("/admin/users/{id}").get(pages.html(this::show)).register(routing, io);
        Route.at("/admin/users/{id}/lock")
                .post(pages.html(userForm(
                        Optional.of("lock"), (user, request, actor) -> admin.lock(user, actor), AdminNotice.LOCKED)))
                .register(routing, io);
        Route.at("/admin/users/{id}/unlock")
                .post(pages.html(userForm(
                        Optional.empty(), (user, request, actor) -> admin.unlock(user, actor), AdminNotice.UNLOCKED)))
                .register(routing, io);
        Route.at("/admin/users/{id}/password-reset")
                .post(pages.html(userForm(
                        Optional.empty(),
                        (user, request, actor) -> passwordResets.sendLink(user, actor),
                        AdminNotice.RESET_LINK_SENT)))
                .register(routing, io);
        Route.at("/admin/users/{id}/sign-out")
                .post(pages.html(userForm(
                        Optional.of("sign out everywhere"),
                        (user, request, actor) -> admin.endSessions(user, actor),
                        AdminNotice.SIGNED_OUT)))
                .register(routing, io);
        Route.at("/admin/users/{id}/sessions/{sid}/end")
                .post(pages.html(userForm(
                        Optional.empty(),
                        (user, request, actor) -> SessionId.parse(
                                        request.path().pathParameters().get("sid"))
                                .ifPresent(sid -> admin.endSession(user, sid, actor)),
                        AdminNotice.SESSION_ENDED)))
                .register(routing, io);
        Route.at("/admin/users/{id}/token-logins/{fid}/end")
                .post(pages.html(userForm(
                        Optional.empty(),
                        (user, request, actor) -> admin.endTokenLogin(
                                user, request.path().pathParameters().get("fid"), actor),
                        AdminNotice.TOKEN_LOGIN_ENDED)))
                .register(routing, io);
        Route.at("/admin/users/{id}/reset-factors")
                .post(pages.html(this::resetFactors))
                .register(routing, io);
        Route.at("/admin/users/{id}/delete")
                .get(pages.html(this::confirmDelete))
                .post(pages.html(this::delete))
                .register(routing, io);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        String query =
                request.query().first("q").asOptional().map(String::strip).orElse("");
        if (query.length() > 254) {
            query = query.substring(0, 254);
        }
        int page = pageNumber(request);
        int offset = (page - 1) * PAGE_SIZE;
        // One more than shown tells whether there is a next page.
        List<Account> found = query.isEmpty()
                ? accounts.list(offset, PAGE_SIZE + 1)
                : accounts.search(query.toLowerCase(java.util.Locale.ROOT), offset, PAGE_SIZE + 1);
        List<UserRow> rows = found.stream().limit(PAGE_SIZE).map(UserRow::of).toList();
        String base = "/admin/users?"
                + (query.isEmpty() ? "" : "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&");
        console.send(
                response,
                200,
                "admin/users.jte",
                new UserListPage(
                        console.chrome("Users", caller, request),
                        query,
                        rows,
                        page > 1 ? Optional.of(base + "page=" + (page - 1)) : Optional.empty(),
                        found.size() > PAGE_SIZE ? Optional.of(base + "page=" + (page + 1)) : Optional.empty(),
                        page));
    }

    private static int pageNumber(ServerRequest request) {
        try {
            return Math.clamp(Long.parseLong(request.query().first("page").orElse("1")), 1, 100_000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void show(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        sendUser(request, response, 200, caller, user(request), List.of());
    }

    private void sendUser(
            ServerRequest request,
            ServerResponse response,
            int status,
            Caller caller,
            Account user,
            List<Flash> flashes) {
        List<Session> live = sessions.list(user.id());
        Set<SessionId> liveIds = live.stream().map(Session::id).collect(Collectors.toSet());
        List<SessionRow> sessionRows = live.stream()
                .filter(s -> s.kind() == SessionKind.BROWSER)
                .map(s -> SessionRow.of(s, s.id().equals(caller.session().id())))
                .toList();
        // A token login whose session ended is over, even while its family row waits for the purge.
        List<TokenLoginRow> tokenRows = refreshTokens.familiesOf(user.id()).stream()
                .filter(f -> liveIds.contains(f.sessionId()))
                .map(TokenLoginRow::of)
                .toList();
        console.send(
                response,
                status,
                "admin/user.jte",
                new UserPage(
                        console.chrome(user.email().value(), caller, request, flashes),
                        UserRow.of(user),
                        user.id().equals(caller.account().id()),
                        sessionRows,
                        tokenRows,
                        factors.factors(user.id()),
                        console.reauthentication().required(caller)));
    }

    /**
     * A form about one user: the CSRF and admin checks, the user, then {@code act} by the admin, and back
     * to the user's page saying {@code notice}. {@code selfAct}, when given, is refused on the admin's own
     * account. Ending a session or token login that already ended is no error: it is gone, as asked.
     */
    private Handler userForm(Optional<String> selfAct, UserAct act, AdminNotice notice) {
        return (request, response) -> {
            FormBody form = FormBody.read(request);
            Caller caller = console.requireAdmin(request, form);
            Account user = user(request);
            if (selfAct.isPresent() && refuseSelf(request, response, caller, user, selfAct.get())) {
                return;
            }
            act.apply(user.id(), request, console.actor(request, caller));
            console.redirect(response, userPath(user), notice);
        };
    }

    /** What a user form does, given the user, the request (for path parameters) and the admin acting. */
    @FunctionalInterface
    private interface UserAct {
        void apply(AccountId user, ServerRequest request, Actor actor);
    }

    /** Removes the user's second factors (a lost phone and lost codes): audited, after a step-up. */
    private void resetFactors(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = console.requireAdmin(request, form);
        Optional<Account> user =
                sensitive(request, response, form, caller, "reset the second factor of", this::sendUser);
        if (user.isEmpty()) {
            return;
        }
        factors.reset(user.get().id(), console.actor(request, caller));
        console.redirect(response, userPath(user.get()), AdminNotice.FACTORS_RESET);
    }

    /** A page showing a sensitive form about {@code user} again, with why it did not go ahead. */
    @FunctionalInterface
    private interface RefusedPage {
        void send(
                ServerRequest request,
                ServerResponse response,
                int status,
                Caller caller,
                Account user,
                List<Flash> flashes);
    }

    /**
     * The user of a sensitive form, when it may go ahead: not the admin's own account, and after a step-up
     * when the admin's authentication is old; otherwise empty, the refusal already sent by {@code again}.
     */
    private Optional<Account> sensitive(
            ServerRequest request,
            ServerResponse response,
            FormBody form,
            Caller caller,
            String act,
            RefusedPage again) {
        Account user = user(request);
        if (refuseSelf(request, response, caller, user, act)) {
            return Optional.empty();
        }
        Optional<Reauthentication.Refusal> refused = console.reauthenticate(request, response, caller, form);
        if (refused.isPresent()) {
            again.send(
                    request,
                    response,
                    refused.get().status(),
                    caller,
                    user,
                    refused.get().flashes());
            return Optional.empty();
        }
        return Optional.of(user);
    }

    private void confirmDelete(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        Account user = user(request);
        sendDeleteConfirmation(request, response, 200, caller, user, List.of());
    }

    private void delete(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = console.requireAdmin(request, form);
        Optional<Account> user = sensitive(request, response, form, caller, "delete", this::sendDeleteConfirmation);
        if (user.isEmpty()) {
            return;
        }
        admin.deleteAccount(user.get().id(), console.actor(request, caller));
        console.redirect(response, "/admin/users", AdminNotice.USER_DELETED);
    }

    private void sendDeleteConfirmation(
            ServerRequest request,
            ServerResponse response,
            int status,
            Caller caller,
            Account user,
            List<Flash> flashes) {
        console.send(
                response,
                status,
                "admin/confirm.jte",
                new ConfirmPage(
                        console.chrome("Delete " + user.email().value(), caller, request, flashes),
                        "Delete " + user.email().value() + "?",
                        List.of(
                                "Every session and token login of this account ends now, on every device and app.",
                                "The account, its sessions and its token logins are removed. This cannot be undone;"
                                        + " its audit events are kept.",
                                "The address can sign up again afterwards, as a new account."),
                        userPath(user) + "/delete",
                        "Delete this user",
                        true,
                        console.reauthentication().required(caller),
                        userPath(user),
                        "delete-user-form"));
    }

    /** An admin cannot lock, sign out or delete themselves here: it would end the session doing it. */
    private boolean refuseSelf(
            ServerRequest request, ServerResponse response, Caller caller, Account user, String act) {
        if (!user.id().equals(caller.account().id())) {
            return false;
        }
        sendUser(
                request,
                response,
                409,
                caller,
                user,
                List.of(Flash.error("You cannot " + act
                        + " your own account from the console; use your account pages or the CLI.")));
        return true;
    }

    private Account user(ServerRequest request) {
        return AccountId.parse(request.path().pathParameters().get("id"))
                .flatMap(accounts::find)
                .orElseThrow(() -> AdminConsole.notFound(
                        ProblemType.USER_NOT_FOUND, "There is no user with that id; it may have been deleted."));
    }

    static String userPath(Account user) {
        return "/admin/users/" + user.id().value();
    }

    public record UserListPage(
            PageChrome chrome,
            String query,
            List<UserRow> users,
            Optional<String> previous,
            Optional<String> next,
            int page) {}

    /**
     * @param factors the user's second factors, for the admin to see and reset
     * @param reauthenticate the reset form must carry the admin's password (and code) again
     */
    public record UserPage(
            PageChrome chrome,
            UserRow user,
            boolean self,
            List<SessionRow> sessions,
            List<TokenLoginRow> tokenLogins,
            Factors factors,
            boolean reauthenticate) {}

    /** One account as the console lists it. */
    public record UserRow(
            String id,
            String path,
            String email,
            boolean emailVerified,
            boolean admin,
            boolean locked,
            String createdAt) {
        static UserRow of(Account account) {
            return new UserRow(
                    account.id().value(),
                    userPath(account),
                    account.email().value(),
                    account.emailVerified(),
                    account.role() == Role.ADMIN,
                    account.locked(),
                    PageDates.format(account.createdAt()));
        }
    }

    /** One browser session of a user, as an admin sees it. */
    public record SessionRow(
            String id, String device, String ip, String createdAt, String lastSeenAt, boolean current) {
        static SessionRow of(Session session, boolean current) {
            return new SessionRow(
                    session.id().value(),
                    DeviceName.describe(session.client().userAgent()),
                    session.client().ipAddress(),
                    PageDates.format(session.createdAt()),
                    PageDates.format(session.lastSeenAt()),
                    current);
        }
    }

    /** One token login (refresh family) of a user: the app, how often it refreshed, its times; never a token. */
    public record TokenLoginRow(
            String id,
            String client,
            int generation,
            String scope,
            String createdAt,
            String rotatedAt,
            String expiresAt) {
        static TokenLoginRow of(RefreshFamily family) {
            return new TokenLoginRow(
                    family.id(),
                    family.clientId().value(),
                    family.generation(),
                    family.scope(),
                    PageDates.format(family.createdAt()),
                    PageDates.format(family.rotatedAt()),
                    PageDates.format(family.absoluteExpiresAt()));
        }
    }
}
