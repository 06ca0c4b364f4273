package dev.gatehouse.server.pages;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.oidc.EndSessionCheck;
import dev.gatehouse.core.oidc.EndSessionService;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.ClientAddresses;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.SessionCookie;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET/POST /oauth2/logout}, the {@code end_session_endpoint} (OpenID Connect RP-Initiated
 * Logout 1.0). An app's valid {@code id_token_hint} naming this browser's session signs it out at once;
 * anything less asks the person to confirm (a link alone must not sign anyone out). The browser then
 * goes to the app's registered {@code post_logout_redirect_uri} with {@code state}, or to the
 * signed-out page; an unregistered one gets an error page, never a redirect.
 */
public final class EndSessionPages {
    private static final List<String> PARAMETERS =
            List.of("id_token_hint", "client_id", "post_logout_redirect_uri", "state");

    private final Pages pages;
    private final EndSessionService endSessions;
    private final LoginService logins;
    private final ClientAddresses addresses;

    public EndSessionPages(Pages pages, EndSessionService endSessions, LoginService logins, ClientAddresses addresses) {
        this.pages = pages;
        this.endSessions = endSessions;
        this.logins = logins;
        this.addresses = addresses;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/oauth2/logout")
                .get(pages.html(this::logoutGet))
                .post(pages.html(this::logoutPost))
                .register(routing, io);
    }

    /** The confirmation page: the app that asks, and the request to send back. */
    public record ConfirmPage(PageChrome chrome, Optional<String> clientName, Map<String, String> parameters) {}

    private void logoutGet(ServerRequest request, ServerResponse response) {
        for (String name : PARAMETERS) {
            if (request.query().contains(name) && request.query().all(name).size() > 1) {
                refused(response, "The parameter " + name + " appears more than once.");
                return;
            }
        }
        logout(
                request,
                response,
                name -> request.query().first(name).asOptional().filter(v -> !v.isEmpty()));
    }

    private void logoutPost(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        if (form.get("confirm").filter("yes"::equals).isEmpty()) {
            logout(request, response, form::get);
            return;
        }
        Caller caller = pages.requireCaller(request, form);
        switch (check(form::get)) {
            case EndSessionCheck.Refused bad -> refused(response, bad.reason());
            case EndSessionCheck.Valid valid -> signOut(request, response, caller, valid);
        }
    }

    private void logout(ServerRequest request, ServerResponse response, Function<String, Optional<String>> params) {
        switch (check(params)) {
            case EndSessionCheck.Refused bad -> refused(response, bad.reason());
            case EndSessionCheck.Valid valid -> {
                Optional<Caller> caller = pages.authentication().identify(request);
                if (caller.isEmpty()) {
                    leave(response, valid);
                } else if (EndSessionService.hintNames(valid, caller.get().session())) {
                    signOut(request, response, caller.get(), valid);
                } else {
                    confirm(response, caller.get(), valid, params);
                }
            }
        }
    }

    private EndSessionCheck check(Function<String, Optional<String>> params) {
        return endSessions.check(
                params.apply("id_token_hint"),
                params.apply("client_id"),
                params.apply("post_logout_redirect_uri"),
                params.apply("state"));
    }

    private void signOut(ServerRequest request, ServerResponse response, Caller caller, EndSessionCheck.Valid valid) {
        logins.logout(
                caller.account().id(),
                caller.session().id(),
                Actor.self(addresses.details(request).ipAddress()));
        response.header(HeaderNames.SET_COOKIE, SessionCookie.cleared());
        leave(response, valid);
    }

    /** On to the app's registered page with its state, or to Gatehouse's signed-out page. */
    private void leave(ServerResponse response, EndSessionCheck.Valid valid) {
        if (valid.postLogoutRedirectUri().isEmpty()) {
            pages.renderer().redirect(response, "/login?notice=" + Notice.SIGNED_OUT.parameter());
            return;
        }
        Map<String, String> answer = new LinkedHashMap<>();
        valid.state().ifPresent(state -> answer.put("state", state));
        pages.renderer()
                .redirect(
                        response,
                        AuthorizePages.withQuery(valid.postLogoutRedirectUri().get(), answer));
    }

    private void confirm(
            ServerResponse response,
            Caller caller,
            EndSessionCheck.Valid valid,
            Function<String, Optional<String>> params) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            params.apply(name).ifPresent(value -> parameters.put(name, value));
        }
        pages.renderer()
                .send(
                        response,
                        200,
                        "oidc/logout.jte",
                        new ConfirmPage(
                                pages.chrome("Sign out", Optional.of(caller), List.of()),
                                valid.client().map(c -> c.id().value()),
                                parameters),
                        valid.postLogoutRedirectUri().map(AuthorizePages::origin).stream()
                                .toList());
    }

    private void refused(ServerResponse response, String reason) {
        pages.error(response, 400, "This sign-out request cannot be completed", reason);
    }
}
