package dev.gatehouse.server.pages;

import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.oidc.AuthorizationCheck;
import dev.gatehouse.core.oidc.AuthorizationRequest;
import dev.gatehouse.core.oidc.AuthorizationService;
import dev.gatehouse.core.oidc.CodeIssue;
import dev.gatehouse.core.oidc.ConsentService;
import dev.gatehouse.jwt.Scopes;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.ClientAddresses;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET/POST /oauth2/authorize}: OpenID Connect's authorization endpoint. A request that names an
 * unknown client or an unregistered redirect URI gets a page here, never a redirect; a browser that is
 * not signed in goes to the sign-in page and comes back; an app that is not first-party gets the
 * consent page; every answer sent to the app carries {@code iss} (RFC 9207). The global headers forbid
 * framing ({@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY}).
 */
public final class AuthorizePages {
    static final String PATH = "/oauth2/authorize";

    /** The request parameters, in the order they are sent back to the sign-in page. */
    private static final List<String> PARAMETERS = List.of(
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
            "prompt",
            "max_age",
            "login_hint",
            "request",
            "request_uri",
            "response_mode");

    private final Pages pages;
    private final AuthorizationService authorizations;
    private final ConsentService consents;
    private final ClientAddresses addresses;
    private final String issuer;

    public AuthorizePages(
            Pages pages,
            AuthorizationService authorizations,
            ConsentService consents,
            ClientAddresses addresses,
            String issuer) {
        this.pages = pages;
        this.authorizations = authorizations;
        this.consents = consents;
        this.addresses = addresses;
        this.issuer = issuer;
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at(PATH)
                .get(pages.html(this::authorizeGet))
                .post(pages.html(this::authorizePost))
                .register(routing, io);
    }

    /** The consent page: the app, the scopes it asks for, and the request to send back with the answer. */
    public record ConsentPage(
            PageChrome chrome, String clientName, List<String> scopes, Map<String, String> parameters) {}

    private void authorizeGet(ServerRequest request, ServerResponse response) {
        for (String name : PARAMETERS) {
            if (request.query().contains(name) && request.query().all(name).size() > 1) {
                // RFC 6749 section 3.1: a repeated parameter makes the request ambiguous; nothing is trusted.
                unredirectable(response, "The parameter " + name + " appears more than once.");
                return;
            }
        }
        authorize(
                request,
                response,
                name -> request.query().first(name).asOptional().filter(v -> !v.isEmpty()));
    }

    /** A form-posted authorization request, or the answer of the consent page (with its CSRF token). */
    private void authorizePost(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Optional<String> decision = form.get("consent");
        if (decision.isEmpty()) {
            authorize(request, response, form::get);
            return;
        }
        Caller caller = pages.requireCaller(request, form);
        switch (authorizations.check(requestOf(form::get))) {
            case AuthorizationCheck.Unredirectable bad -> unredirectable(response, bad.reason());
            case AuthorizationCheck.RedirectError error -> redirectError(response, error);
            case AuthorizationCheck.Valid valid -> {
                if (!decision.get().equals("allow")) {
                    // OpenID Connect Core 1.0 section 3.1.2.6
                    redirectError(response, valid.error("access_denied", "The user denied the request."));
                    return;
                }
                consents.grant(
                        valid.client(),
                        caller.account().id(),
                        valid.scope(),
                        Actor.self(addresses.details(request).ipAddress()));
                issueCode(response, valid, caller);
            }
        }
    }

    private void authorize(ServerRequest request, ServerResponse response, Function<String, Optional<String>> params) {
        AuthorizationRequest authorization = requestOf(params);
        switch (authorizations.check(authorization)) {
            case AuthorizationCheck.Unredirectable bad -> unredirectable(response, bad.reason());
            case AuthorizationCheck.RedirectError error -> redirectError(response, error);
            case AuthorizationCheck.Valid valid -> authorizeValid(request, response, valid, params);
        }
    }

    private void authorizeValid(
            ServerRequest request,
            ServerResponse response,
            AuthorizationCheck.Valid valid,
            Function<String, Optional<String>> params) {
        boolean silent = valid.prompt().contains("none");
        Optional<Caller> caller = pages.authentication().identify(request);
        if (caller.isEmpty()
                || authorizations.needsFreshSignIn(valid, caller.get().session())) {
            if (silent) {
                // OpenID Connect Core 1.0 section 3.1.2.6
                redirectError(response, valid.error("login_required", "The user is not signed in."));
                return;
            }
            pages.renderer().redirect(response, signInAddress(params, caller.isPresent(), valid.loginHint()));
            return;
        }
        if (consents.needsConsent(valid, caller.get().account().id())) {
            if (silent) {
                redirectError(response, valid.error("consent_required", "The user has not consented."));
                return;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String name : PARAMETERS) {
                params.apply(name)
                        .filter(v -> !name.equals("prompt") && !name.equals("max_age"))
                        .ifPresent(v -> parameters.put(name, v));
            }
            pages.renderer()
                    .send(
                            response,
                            200,
                            "oidc/consent.jte",
                            new ConsentPage(
                                    pages.chrome("Allow access", caller, List.of()),
                                    valid.client().id().value(),
                                    Scopes.split(valid.scope()),
                                    parameters),
                            List.of(origin(valid.redirectUri())));
            return;
        }
        issueCode(response, valid, caller.get());
    }

    private void issueCode(ServerResponse response, AuthorizationCheck.Valid valid, Caller caller) {
        switch (authorizations.issueCode(valid, caller.account(), caller.session())) {
            case CodeIssue.Issued issued -> {
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("code", issued.code());
                valid.state().ifPresent(state -> answer.put("state", state));
                answer.put("iss", issuer);
                pages.renderer().redirect(response, withQuery(valid.redirectUri(), answer));
            }
            case CodeIssue.Refused refused -> redirectError(response, refused.error());
        }
    }

    /**
     * The sign-in page, coming back to this request without {@code prompt} and {@code max_age}: a
     * sign-in just made satisfies both. {@code prompt=login} there asks for the form even though the
     * browser is signed in.
     */
    private static String signInAddress(
            Function<String, Optional<String>> params, boolean signedIn, Optional<String> loginHint) {
        Map<String, String> back = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            if (!name.equals("prompt") && !name.equals("max_age")) {
                params.apply(name).ifPresent(v -> back.put(name, v));
            }
        }
        Map<String, String> login = new LinkedHashMap<>();
        login.put("return_to", withQuery(PATH, back));
        if (signedIn) {
            login.put("prompt", "login");
        }
        loginHint.ifPresent(hint -> login.put("login_hint", hint));
        return withQuery("/login", login);
    }

    private void redirectError(ServerResponse response, AuthorizationCheck.RedirectError error) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error.error());
        answer.put("error_description", error.description());
        error.state().ifPresent(state -> answer.put("state", state));
        answer.put("iss", issuer);
        pages.renderer().redirect(response, withQuery(error.redirectUri(), answer));
    }

    private void unredirectable(ServerResponse response, String reason) {
        pages.error(
                response,
                400,
                "This sign-in request cannot be completed",
                reason + " Go back to the app and try again, or tell its developers.");
    }

    private static AuthorizationRequest requestOf(Function<String, Optional<String>> params) {
        return new AuthorizationRequest(
                params.apply("client_id"),
                params.apply("redirect_uri"),
                params.apply("response_type"),
                params.apply("scope"),
                params.apply("state"),
                params.apply("nonce"),
                params.apply("code_challenge"),
                params.apply("code_challenge_method"),
                params.apply("prompt"),
                params.apply("max_age"),
                params.apply("login_hint"),
                params.apply("request"),
                params.apply("request_uri"),
                params.apply("response_mode"));
    }

    /** {@code base} with {@code parameters} added to its query (RFC 6749 section 4.1.2 keeps the base's own). */
    static String withQuery(String base, Map<String, String> parameters) {
        StringBuilder url = new StringBuilder(base);
        char separator = base.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(separator)
                    .append(parameter.getKey())
                    .append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return url.toString();
    }

    /** The origin of a registered redirect URI (or a native app's scheme), for a page's {@code form-action}. */
    static String origin(String uri) {
        URI parsed = URI.create(uri);
        return parsed.getRawAuthority() == null
                ? parsed.getScheme() + ":"
                : parsed.getScheme() + "://" + parsed.getRawAuthority();
    }

    /**
     * Where a sign-in that continues to {@code returnTo} may end: the registered redirect URI's origin
     * when {@code returnTo} is an authorization request of a registered client; nothing otherwise.
     */
    public List<String> formTargets(String returnTo) {
        URI uri;
        try {
            uri = new URI(returnTo);
        } catch (java.net.URISyntaxException e) {
            return List.of();
        }
        if (!PATH.equals(uri.getPath()) || uri.getRawQuery() == null) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.putIfAbsent(
                        java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return switch (authorizations.check(requestOf(name -> Optional.ofNullable(query.get(name))))) {
            case AuthorizationCheck.Valid valid -> List.of(origin(valid.redirectUri()));
            case AuthorizationCheck.RedirectError error -> List.of(origin(error.redirectUri()));
            case AuthorizationCheck.Unredirectable bad -> List.of();
        };
    }
}
