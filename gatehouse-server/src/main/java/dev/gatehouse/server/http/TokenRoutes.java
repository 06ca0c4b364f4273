package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.account.LoginOutcome;
import dev.gatehouse.core.account.Password;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshOutcome;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.NewSession;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionKind;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.IssuedAccessToken;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Getting tokens: {@code POST /v1/tokens} (a first-party app logs a user in) and
 * {@code POST /oauth2/token} (refresh, client credentials, and the cookie-to-JWT exchange).
 */
final class TokenRoutes {
    static final String SESSION_TOKEN_TYPE = "urn:gatehouse:params:oauth:token-type:session";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final System.Logger LOG = System.getLogger("gatehouse.tokens");

    private final AccountService accounts;
    private final SessionService sessions;
    private final ClientService clients;
    private final AccessTokenService accessTokens;
    private final RefreshService refreshTokens;
    private final CookieAuthentication cookies;
    private final ClientAuthentication clientAuthentication;
    private final String issuer;
    private final HttpIo io;

    record TokenLogin(
            @Nullable String email,
            @Nullable String password,
            @Nullable String clientId,
            @Nullable String scope) {}

    private final Throttle throttle;
    private final AuditRecorder audit;

    TokenRoutes(ApiServices services, CookieAuthentication cookies, Throttle throttle, AuditRecorder audit, HttpIo io) {
        this.throttle = throttle;
        this.audit = audit;
        this.accounts = services.accounts();
        this.sessions = services.sessions();
        this.clients = services.clients();
        this.accessTokens = services.accessTokens();
        this.refreshTokens = services.refreshTokens();
        this.cookies = cookies;
        this.clientAuthentication = new ClientAuthentication(services.clients());
        this.issuer = services.config().issuer().toString();
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.post("/v1/tokens", this::login);
        MethodGuard.allowOnly(routing, "/v1/tokens", "POST", io);
        routing.post("/oauth2/token", this::token);
        MethodGuard.allowOnly(routing, "/oauth2/token", "POST", io);
    }

    /** The same enumeration-proof password check as the cookie login, and a session like it. */
    private void login(ServerRequest request, ServerResponse response) {
        TokenLogin body = io.readJson(request, TokenLogin.class);
        String email = Fields.required(body.email(), "email");
        String password = Fields.required(body.password(), "password");
        String clientId = Fields.required(body.clientId(), "client_id");
        String scope = scope(body.scope());
        throttle.attempt(request, LimitedAction.LOGIN, Optional.of(email));
        Client client = clients.find(clientId)
                .filter(c -> c.type() == ClientType.FIRST_PARTY && c.allows(GrantType.LOGIN))
                .orElseThrow(() -> new ProblemException(Problem.of(
                        "invalid-client",
                        "Invalid client",
                        401,
                        "The client_id is not a first-party client allowed to log in.")));
        LoginOutcome outcome = accounts.authenticate(email, new Password(password));
        if (!(outcome instanceof LoginOutcome.Authenticated authenticated)) {
            LoginOutcome.Reason reason = ((LoginOutcome.Rejected) outcome).reason();
            LOG.log(Level.INFO, "token login refused: " + reason);
            throttle.loginFailed(email);
            audit.loginFailed(request, "token", reason, client.id().value(), email);
            throw new ProblemException(Problem.invalidCredentials());
        }
        throttle.loginSucceeded(email);
        if (java.util.Arrays.asList(scope.split(" ")).contains(AdminRoutes.ADMIN_SCOPE)
                && authenticated.account().role() != dev.gatehouse.core.account.Role.ADMIN) {
            // Asking is not having: only administrators get a token for the admin API.
            throw new ProblemException(
                    Problem.of("invalid-scope", "Invalid scope", 403, "The admin scope is only for administrators."));
        }
        NewSession session = sessions.start(
                authenticated.account().id(), throttle.addresses().details(request), SessionKind.APP);
        audit.record(
                request,
                AuditType.LOGIN_SUCCEEDED,
                Optional.of(authenticated.account().id().value()),
                client.id().value(),
                Map.of("method", "token", "session_id", session.session().id().value()));
        List<String> audience = audience(client);
        String refresh = refreshTokens.start(
                session.session().id(), authenticated.account().id(), client.id(), scope, audience);
        IssuedAccessToken access = accessTokens.issue(
                authenticated.account().id().value(),
                Optional.of(session.session().id().value()),
                client.id().value(),
                audience,
                scope);
        response.header("Pragma", "no-cache");
        io.json(response, 200, tokenResponse(access, refresh, scope, null));
    }

    private void token(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        String grant = form.require("grant_type");
        TokenResponse issued = switch (GrantType.fromWire(grant)
                .filter(g -> g != GrantType.LOGIN)
                .orElseThrow(OAuthError::unsupportedGrantType)) {
            case REFRESH_TOKEN -> refresh(request, form);
            case CLIENT_CREDENTIALS -> clientCredentials(request, form);
            case TOKEN_EXCHANGE -> exchange(request, form);
            case LOGIN -> throw OAuthError.unsupportedGrantType();
        };
        response.header("Pragma", "no-cache");
        io.json(response, 200, issued);
    }

    private TokenResponse refresh(ServerRequest request, FormBody form) {
        throttle.attempt(request, LimitedAction.REFRESH, Optional.empty());
        Client client = clientAuthentication.authenticate(request, form);
        requireGrant(client, GrantType.REFRESH_TOKEN);
        RefreshOutcome outcome = refreshTokens.refresh(form.require("refresh_token"), client.id());
        return switch (outcome) {
            case RefreshOutcome.Rotated rotated -> {
                RefreshFamily family = rotated.family();
                Session session = sessions.findLive(family.sessionId())
                        .orElseThrow(
                                () -> OAuthError.invalidGrant("The refresh token is invalid, expired or revoked."));
                sessions.recordUse(session);
                audit.record(
                        request,
                        AuditType.REFRESH_ROTATED,
                        Optional.of(family.accountId().value()),
                        client.id().value(),
                        Map.of("family_id", family.id(), "generation", Integer.toString(family.generation())));
                IssuedAccessToken access = accessTokens.issue(
                        family.accountId().value(),
                        Optional.of(family.sessionId().value()),
                        client.id().value(),
                        family.audience(),
                        family.scope());
                yield tokenResponse(access, rotated.refreshToken(), family.scope(), null);
            }
            case RefreshOutcome.ReuseDetected reuse -> {
                RefreshFamily family = reuse.family();
                // The evidence tells a race (same client, moments after rotation) from theft.
                var presenter = throttle.addresses().details(request);
                Optional<Session> login = sessions.findLive(family.sessionId());
                sessions.revoke(family.accountId(), family.sessionId());
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("session_id", family.sessionId().value());
                evidence.put("family_id", family.id());
                evidence.put("presented_generation", Integer.toString(reuse.presentedGeneration()));
                evidence.put("current_generation", Integer.toString(family.generation()));
                evidence.put(
                        "ms_since_rotation", Long.toString(reuse.sinceRotation().toMillis()));
                evidence.put("user_agent", presenter.userAgent());
                login.ifPresent(s -> {
                    evidence.put(
                            "same_ip_as_login",
                            Boolean.toString(s.client().ipAddress().equals(presenter.ipAddress())));
                    evidence.put(
                            "same_user_agent_as_login",
                            Boolean.toString(s.client().userAgent().equals(presenter.userAgent())));
                });
                audit.record(
                        request,
                        AuditType.REFRESH_REUSE_DETECTED,
                        Optional.of(family.accountId().value()),
                        client.id().value(),
                        evidence);
                throw OAuthError.invalidGrant("The refresh token is invalid, expired or revoked.");
            }
            case RefreshOutcome.Expired expired ->
                throw OAuthError.invalidGrant("The refresh token is invalid, expired or revoked.");
            case RefreshOutcome.Unknown unknown ->
                throw OAuthError.invalidGrant("The refresh token is invalid, expired or revoked.");
        };
    }

    /** Service to service: the client is the subject; no session, no refresh token. */
    private TokenResponse clientCredentials(ServerRequest request, FormBody form) {
        Client client = clientAuthentication.authenticate(request, form);
        if (client.type() != ClientType.CONFIDENTIAL) {
            throw OAuthError.unauthorizedClient("Only confidential clients may use client_credentials.");
        }
        requireGrant(client, GrantType.CLIENT_CREDENTIALS);
        String scope = scope(form.get("scope").orElse(null));
        IssuedAccessToken access = accessTokens.issue(
                client.id().value(), Optional.empty(), client.id().value(), audience(client), scope);
        return tokenResponse(access, null, scope, null);
    }

    /**
     * RFC 8693: the browser's cookie session (with its CSRF token, since this changes state) becomes a
     * short access token for calling APIs, bound to that same session.
     */
    private TokenResponse exchange(ServerRequest request, FormBody form) {
        Client client = clientAuthentication.authenticate(request, form);
        requireGrant(client, GrantType.TOKEN_EXCHANGE);
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
        List<String> audience = audience(client);
        Optional<String> requested = form.get("audience");
        if (requested.isPresent()) {
            if (!client.audiences().contains(requested.get())) {
                throw new OAuthException(
                        400, new OAuthError("invalid_target", "That audience is not allowed for this client."));
            }
            audience = List.of(requested.get(), issuer);
        }
        String scope = scope(form.get("scope").orElse(null));
        IssuedAccessToken access = accessTokens.issue(
                caller.account().id().value(),
                Optional.of(caller.session().id().value()),
                client.id().value(),
                audience,
                scope);
        return tokenResponse(access, null, scope, ACCESS_TOKEN_TYPE);
    }

    private static void requireGrant(Client client, GrantType grant) {
        if (!client.allows(grant)) {
            throw OAuthError.unauthorizedClient("This client may not use " + grant.wireName() + ".");
        }
    }

    /** The client's audiences, and always this server's own, so the token also works at {@code /v1/me}. */
    private List<String> audience(Client client) {
        List<String> audience = new ArrayList<>(client.audiences());
        if (!audience.contains(issuer)) {
            audience.add(issuer);
        }
        return audience;
    }

    /** A scope is space-separated tokens of printable ASCII (RFC 6749 section 3.3); none is "". */
    private static String scope(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return "";
        }
        if (requested.length() > 1024
                || !requested.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*")) {
            throw OAuthError.invalidRequest("scope is not a list of scope tokens.");
        }
        return requested;
    }

    private TokenResponse tokenResponse(
            IssuedAccessToken access, @Nullable String refresh, String scope, @Nullable String issuedType) {
        long expiresIn = Duration.between(
                        access.claims().issuedAt(), access.claims().expiresAt())
                .toSeconds();
        return new TokenResponse(
                access.value(), "Bearer", expiresIn, refresh, scope.isEmpty() ? null : scope, issuedType);
    }
}
