package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.grant.GrantOutcome;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.core.grant.TokenLoginOutcome;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.SecondFactorAttempt;
import dev.gatehouse.core.oidc.AuthorizationService;
import dev.gatehouse.jwt.Scopes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Getting tokens: {@code POST /v1/tokens} (a first-party app logs a user in) and
 * {@code POST /oauth2/token} (authorization code, refresh, client credentials, and the cookie-to-JWT
 * exchange). Each
 * parses, calls one use case of {@link GrantService} and maps its outcome.
 */
final class TokenRoutes {
    static final String SESSION_TOKEN_TYPE = "urn:gatehouse:params:oauth:token-type:session";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final GrantService grants;
    private final AuthorizationService authorizations;
    private final ClientService clients;
    private final CookieAuthentication cookies;
    private final ClientAuthentication clientAuthentication;
    private final Throttle throttle;
    private final HttpIo io;

    record TokenLogin(
            @Nullable String email,
            @Nullable String password,
            @Nullable String clientId,
            @Nullable String scope,
            @Nullable String deviceToken) {}

    TokenRoutes(
            ApiServices services,
            CookieAuthentication cookies,
            ClientAuthentication clientAuthentication,
            Throttle throttle,
            HttpIo io) {
        this.grants = services.grants();
        this.authorizations = services.authorizations();
        this.clients = services.clients();
        this.cookies = cookies;
        this.clientAuthentication = clientAuthentication;
        this.throttle = throttle;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/v1/tokens").post(this::login).register(routing, io);
        Route.at("/v1/tokens/mfa").post(this::completeLogin).register(routing, io);
        Route.at("/oauth2/token").post(this::token).register(routing, io);
    }

    /** The same login use case as the cookie login, with a token session and the app's tokens. */
    private void login(ServerRequest request, ServerResponse response) {
        TokenLogin body = io.readJson(request, TokenLogin.class);
        String email = Fields.required(body.email(), "email");
        String password = Fields.required(body.password(), "password");
        String clientId = Fields.required(body.clientId(), "client_id");
        String scope = Scopes.parse(body.scope())
                .orElseThrow(
                        () -> new ProblemException(Problem.invalidRequest("scope is not a list of scope tokens.")));
        TokenLoginOutcome outcome = grants.tokenLogin(new LoginAttempt(
                email,
                new Password(password),
                throttle.addresses().details(request),
                Optional.ofNullable(body.deviceToken()),
                new LoginAttempt.App(clients.find(clientId), scope)));
        if (outcome instanceof TokenLoginOutcome.NotIssued(LoginOutcome.SecondFactorRequired required)) {
            SecondFactorProblems.mfaRequired(io, response, required);
            return;
        }
        answer(response, outcome);
    }

    /** The second step of an app's login that answered {@code mfa-required}: the same client, then its tokens. */
    private void completeLogin(ServerRequest request, ServerResponse response) {
        SecondFactorProblems.Completion body = io.readJson(request, SecondFactorProblems.Completion.class);
        String clientId = Fields.required(body.clientId(), "client_id");
        TokenLoginOutcome outcome = grants.tokenLoginSecondFactor(new SecondFactorAttempt(
                body.requiredToken(),
                body.proof(),
                throttle.addresses().details(request),
                Optional.ofNullable(body.deviceToken()),
                new LoginAttempt.App(clients.find(clientId), "")));
        if (outcome instanceof TokenLoginOutcome.NotIssued(LoginOutcome.SignInAgain again)) {
            throw SecondFactorProblems.refused(again);
        }
        if (outcome instanceof TokenLoginOutcome.NotIssued(LoginOutcome.Refused refused)) {
            throw SecondFactorProblems.refused(refused);
        }
        answer(response, outcome);
    }

    private void answer(ServerResponse response, TokenLoginOutcome outcome) {
        if (outcome instanceof TokenLoginOutcome.Issued issued) {
            response.header("Pragma", "no-cache");
            io.json(
                    response,
                    200,
                    TokenResponse.of(issued.tokens(), null, issued.login().deviceToken()));
            return;
        }
        throw switch (((TokenLoginOutcome.NotIssued) outcome).outcome()) {
            case LoginOutcome.Throttled throttled -> Throttle.tooManyRequests(throttled.retryAfter());
            case LoginOutcome.InvalidClient invalid ->
                new ProblemException(Problem.of(
                        ProblemType.INVALID_CLIENT, "The client_id is not a first-party client allowed to log in."));
            case LoginOutcome.ScopeRefused refused ->
                new ProblemException(Problem.of(ProblemType.INVALID_SCOPE, refused.detail()));
            case LoginOutcome.Refused refused -> new ProblemException(Problem.invalidCredentials());
            case LoginOutcome.EmailNotVerified unverified ->
                new ProblemException(EmailVerificationRoutes.notVerified());
            case LoginOutcome.SignInAgain again -> new ProblemException(Problem.invalidCredentials());
            case LoginOutcome.SecondFactorRequired required -> new IllegalStateException("answered before");
            case LoginOutcome.LoggedIn loggedIn -> new IllegalStateException("a login without tokens");
        };
    }

    private void token(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        String grant = form.require("grant_type");
        GrantType type = GrantType.fromWire(grant)
                .filter(g -> g != GrantType.LOGIN)
                .orElseThrow(OAuthError::unsupportedGrantType);
        String issuedType = null;
        GrantOutcome outcome;
        switch (type) {
            case AUTHORIZATION_CODE -> outcome = authorizationCode(request, form);
            case REFRESH_TOKEN -> outcome = refresh(request, form);
            case CLIENT_CREDENTIALS -> {
                Client client = clientAuthentication.authenticate(request, form);
                outcome = grants.clientCredentials(client, scope(form));
            }
            case TOKEN_EXCHANGE -> {
                outcome = exchange(request, form);
                issuedType = ACCESS_TOKEN_TYPE;
            }
            default -> throw OAuthError.unsupportedGrantType();
        }
        GrantOutcome.Issued issued = switch (outcome) {
            case GrantOutcome.Issued ok -> ok;
            case GrantOutcome.Throttled throttled -> throw Throttle.tooManyRequests(throttled.retryAfter());
            case GrantOutcome.Refused refused -> throw OAuthError.of(refused);
        };
        response.header("Pragma", "no-cache");
        io.json(response, 200, TokenResponse.of(issued, issuedType, null));
    }

    /**
     * OpenID Connect's code grant: the code, its redirect URI and PKCE verifier, from the client it was
     * issued to. Failures count against the address like refresh failures.
     */
    private GrantOutcome authorizationCode(ServerRequest request, FormBody form) {
        Client client = throttle.countingFailures(
                request, LimitedAction.REFRESH, () -> clientAuthentication.authenticate(request, form));
        GrantOutcome outcome = authorizations.redeem(
                client,
                form.require("code"),
                form.get("redirect_uri"),
                form.get("code_verifier"),
                throttle.addresses().details(request).ipAddress());
        if (outcome instanceof GrantOutcome.Refused) {
            throttle.failed(request, LimitedAction.REFRESH);
        }
        return outcome;
    }

    /** Failures count against the address, successes only against the token's own family. */
    private GrantOutcome refresh(ServerRequest request, FormBody form) {
        Client client = throttle.countingFailures(
                request, LimitedAction.REFRESH, () -> clientAuthentication.authenticate(request, form));
        GrantOutcome outcome = grants.refresh(
                client,
                form.require("refresh_token"),
                scope(form),
                throttle.addresses().details(request));
        if (outcome instanceof GrantOutcome.Refused) {
            throttle.failed(request, LimitedAction.REFRESH);
        }
        return outcome;
    }

    /**
     * RFC 8693: the browser's cookie session (with its CSRF token, since this changes state) becomes a
     * short access token for calling APIs, bound to that same session.
     */
    private GrantOutcome exchange(ServerRequest request, FormBody form) {
        Client client = clientAuthentication.authenticate(request, form);
        if (!SESSION_TOKEN_TYPE.equals(form.require("subject_token_type"))) {
            throw OAuthError.invalidRequest("subject_token_type must be " + SESSION_TOKEN_TYPE + ".");
        }
        if (form.get("subject_token").isPresent()) {
            throw OAuthError.invalidRequest("The session travels in its cookie, not in subject_token.");
        }
        Caller caller;
        try {
            caller = cookies.requireForUnsafe(request);
        } catch (ProblemException e) {
            throw OAuthError.invalidGrant("No live cookie session with a valid CSRF token.");
        }
        return grants.exchange(client, caller.account(), caller.session(), form.get("audience"), scope(form));
    }

    private static String scope(FormBody form) {
        return Scopes.parse(form.get("scope").orElse(null))
                .orElseThrow(() -> OAuthError.invalidRequest("scope is not a list of scope tokens."));
    }
}
