package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.account.Role;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.server.http.AdminFactorPolicy;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.ClientAddresses;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.Problem;
import dev.gatehouse.server.http.ProblemException;
import dev.gatehouse.server.http.ProblemType;
import dev.gatehouse.server.pages.Flash;
import dev.gatehouse.server.pages.Notice;
import dev.gatehouse.server.pages.PageChrome;
import dev.gatehouse.server.pages.Pages;
import dev.gatehouse.server.pages.Reauthentication;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every admin page shares: the admin-only guard (anonymous visitors go to sign in and come back,
 * signed-in non-admins get a 403 page), the page chrome with its fixed notices, the audit actor, and the
 * password re-check of sensitive acts.
 */
final class AdminConsole {
    private final Pages pages;
    private final ClientAddresses addresses;
    private final Reauthentication reauthentication;
    private final AdminFactorPolicy factorPolicy;

    AdminConsole(
            Pages pages, ClientAddresses addresses, Reauthentication reauthentication, AdminFactorPolicy factorPolicy) {
        this.factorPolicy = factorPolicy;
        this.pages = pages;
        this.addresses = addresses;
        this.reauthentication = reauthentication;
    }

    Pages pages() {
        return pages;
    }

    Reauthentication reauthentication() {
        return reauthentication;
    }

    /** The signed-in admin viewing a page: a redirect to sign in for nobody, a 403 page for a non-admin. */
    Caller requireAdmin(ServerRequest request) {
        return admin(request, pages.requireCaller(request));
    }

    /** The signed-in admin posting a form, after its CSRF check. */
    Caller requireAdmin(ServerRequest request, FormBody form) {
        return admin(request, pages.requireCaller(request, form));
    }

    private Caller admin(ServerRequest request, Caller caller) {
        if (caller.account().role() != Role.ADMIN || caller.account().locked()) {
            throw new ProblemException(Problem.of(
                    ProblemType.FORBIDDEN,
                    "The admin console is for administrators. Ask one if you need something changed."));
        }
        if (factorPolicy.mustEnrol(caller.account())) {
            throw new Pages.RedirectTo("/account/factors?notice=" + Notice.ADMIN_NEEDS_FACTOR.parameter());
        }
        if (factorPolicy.mustUseFactor(caller.account(), caller.session().multiFactor())) {
            // The session never used the factor (it was signed in with the password only): sign in again,
            // with the code, and come back.
            String back = request.prologue().method().text().equals("GET")
                    ? request.path().rawPath()
                            + (request.query().rawValue().isEmpty()
                                    ? ""
                                    : "?" + request.query().rawValue())
                    : "/admin";
            throw new Pages.RedirectTo("/login?prompt=login&return_to="
                    + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8));
        }
        return caller;
    }

    /**
     * Empty when a sensitive act may go ahead (see {@link Reauthentication}); otherwise what to show with
     * the password form again, the {@code Retry-After} header already set when throttled.
     */
    Optional<Reauthentication.Refusal> reauthenticate(
            ServerRequest request, ServerResponse response, Caller caller, FormBody form) {
        Optional<Reauthentication.Refusal> refused = reauthentication.check(caller, form, actor(request, caller));
        refused.flatMap(Reauthentication.Refusal::retryAfter)
                .ifPresent(wait -> response.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        return refused;
    }

    /** The admin as the audit trail names them, with the address the request came from. */
    Actor actor(ServerRequest request, Caller caller) {
        return Actor.admin(caller.account().id().value(), addresses.of(request));
    }

    /** The chrome of a page titled {@code title}, with the notice the link names, if any, and {@code more}. */
    PageChrome chrome(String title, Caller caller, ServerRequest request, List<Flash> more) {
        List<Flash> flashes = new ArrayList<>();
        AdminNotice.named(request.query().first("notice").asOptional())
                .map(AdminNotice::flash)
                .ifPresent(flashes::add);
        flashes.addAll(more);
        return pages.chrome(title + " · Admin", Optional.of(caller), flashes);
    }

    PageChrome chrome(String title, Caller caller, ServerRequest request) {
        return chrome(title, caller, request, List.of());
    }

    void send(ServerResponse response, int status, String template, Object page) {
        pages.renderer().send(response, status, template, page);
    }

    /** A 303 to {@code path} showing {@code notice} there. */
    void redirect(ServerResponse response, String path, AdminNotice notice) {
        pages.renderer().redirect(response, path + (path.contains("?") ? "&" : "?") + "notice=" + notice.parameter());
    }

    void redirect(ServerResponse response, String path) {
        pages.renderer().redirect(response, path);
    }

    /** A 404 page for a user, client or event that does not exist (any more). */
    static ProblemException notFound(ProblemType type, String detail) {
        return new ProblemException(Problem.of(type, detail));
    }
}
