package dev.gatehouse.core.grant;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.ScopePolicy;
import dev.gatehouse.core.grant.GrantOutcome.GrantError;
import dev.gatehouse.core.login.LoginAttempt;
import dev.gatehouse.core.login.LoginOutcome;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshOutcome;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.BearerCheck;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.jwt.AccessTokenClaims;
import dev.gatehouse.jwt.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token endpoint's grants, revocation and introspection. Every grant checks the client may use
 * it and passes its scope through {@link ScopePolicy}; every token is bound to a live session, except
 * a client's own (client credentials), which has none.
 */
public final class GrantService {
    private static final String INVALID_REFRESH = "The refresh token is invalid, expired or revoked.";

    private final LoginService logins;
    private final ClientService clients;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final AccessTokenService accessTokens;
    private final AuditTrail audit;
    private final String issuer;

    public GrantService(
            LoginService logins,
            ClientService clients,
            SessionService sessions,
            RefreshService refreshTokens,
            AccessTokenService accessTokens,
            AuditTrail audit,
            String issuer) {
        this.logins = logins;
        this.clients = clients;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.issuer = issuer;
    }

    /** A first-party app signs a user in ({@code attempt}'s channel is an app): a session and its first tokens. */
    public TokenLoginOutcome tokenLogin(LoginAttempt attempt) {
        return issueAfter(logins.login(attempt, this::startRefreshFamily), attempt.channel());
    }

    /**
     * The second step of an app's sign-in that answered "second factor required" ({@code attempt}'s
     * channel is the same app): a session and its first tokens.
     */
    public TokenLoginOutcome tokenLoginSecondFactor(dev.gatehouse.core.login.SecondFactorAttempt attempt) {
        return issueAfter(logins.completeLogin(attempt, this::startRefreshFamily), attempt.channel());
    }

    private TokenLoginOutcome issueAfter(LoginOutcome outcome, LoginAttempt.Channel channel) {
        if (!(outcome instanceof LoginOutcome.LoggedIn loggedIn) || !(channel instanceof LoginAttempt.App app)) {
            return new TokenLoginOutcome.NotIssued(outcome);
        }
        Client client = app.client().orElseThrow();
        Session session = loggedIn.session().session();
        String refresh = loggedIn.refreshToken()
                .orElseThrow(() -> new IllegalStateException("a token login without a refresh family"));
        IssuedAccessToken access = accessTokens.issue(
                loggedIn.account().id().value(),
                Optional.of(session.id().value()),
                client.id().value(),
                audience(client),
                loggedIn.scope(),
                AuthenticationMethod.wireNames(session.amr()),
                Optional.of(session.authTime()));
        return new TokenLoginOutcome.Issued(
                loggedIn, new GrantOutcome.Issued(access, Optional.of(refresh), loggedIn.scope()));
    }

    /** Runs in the transaction that starts a token login's session (see {@link LoginService#login(LoginAttempt, dev.gatehouse.core.login.RefreshFamilyStart)}). */
    private String startRefreshFamily(Account account, Session session, Client client, String scope) {
        return refreshTokens.start(session.id(), account.id(), client.id(), scope, audience(client));
    }

    /** {@code grant_type=refresh_token} without a {@code scope}: the scope granted at the login. */
    public GrantOutcome refresh(Client client, String presented, ClientDetails presenter) {
        return refresh(client, presented, "", presenter);
    }

    /**
     * {@code grant_type=refresh_token}: rotation, with everything {@link RefreshService#refresh} enforces.
     * A {@code requestedScope} (space-separated; empty when the request names none) may not ask for a
     * scope the login was not granted (RFC 6749 section 6): {@code invalid_scope}, checked before the
     * token rotates, so the refused request costs the client nothing. The tokens keep the scope granted
     * at the login, which the answer names.
     */
    public GrantOutcome refresh(Client client, String presented, String requestedScope, ClientDetails presenter) {
        if (!client.allows(GrantType.REFRESH_TOKEN)) {
            return unauthorized(GrantType.REFRESH_TOKEN);
        }
        if (!requestedScope.isBlank()) {
            // Only a token of this client's is looked at: any other gets invalid_grant from the rotation.
            Optional<RefreshFamily> family = refreshTokens
                    .familyOf(presented)
                    .filter(found -> found.clientId().equals(client.id()));
            if (family.isPresent() && !Scopes.split(family.get().scope()).containsAll(Scopes.split(requestedScope))) {
                return new GrantOutcome.Refused(
                        GrantError.INVALID_SCOPE,
                        "The requested scope asks for more than this refresh token was granted.");
            }
        }
        return switch (refreshTokens.refresh(presented, client.id(), presenter)) {
            case RefreshOutcome.Rotated rotated -> {
                RefreshFamily family = rotated.family();
                // The session's authentication as the refresh found it: a step-up since the login shows in
                // new tokens. Not read again: in a refresh flood the second read cost 4% of the request
                // threads' CPU (queries 36.7% of their samples with it, 32.7% without; docs/benchmarks.md).
                Session session = rotated.session();
                IssuedAccessToken access = accessTokens.issue(
                        family.accountId().value(),
                        Optional.of(family.sessionId().value()),
                        client.id().value(),
                        family.audience(),
                        family.scope(),
                        AuthenticationMethod.wireNames(session.amr()),
                        Optional.of(session.authTime()));
                yield new GrantOutcome.Issued(access, Optional.of(rotated.refreshToken()), family.scope());
            }
            case RefreshOutcome.Throttled throttled -> new GrantOutcome.Throttled(throttled.retryAfter());
            case RefreshOutcome.ReuseDetected reuse -> invalidRefresh();
            case RefreshOutcome.Expired expired -> invalidRefresh();
            case RefreshOutcome.Unknown unknown -> invalidRefresh();
        };
    }

    /** Service to service: the client is the subject; no session, no refresh token. */
    public GrantOutcome clientCredentials(Client client, String scope) {
        if (client.type() != ClientType.CONFIDENTIAL) {
            return new GrantOutcome.Refused(
                    GrantError.UNAUTHORIZED_CLIENT, "Only confidential clients may use client_credentials.");
        }
        if (!client.allows(GrantType.CLIENT_CREDENTIALS)) {
            return unauthorized(GrantType.CLIENT_CREDENTIALS);
        }
        ScopePolicy.Decision decision = ScopePolicy.forClient(client, scope);
        if (decision instanceof ScopePolicy.Decision.Refused refused) {
            return new GrantOutcome.Refused(GrantError.INVALID_SCOPE, refused.detail());
        }
        IssuedAccessToken access = accessTokens.issue(
                client.id().value(), Optional.empty(), client.id().value(), audience(client), scope);
        return new GrantOutcome.Issued(access, Optional.empty(), scope);
    }

    /**
     * RFC 8693: a browser's live cookie session becomes a short access token for calling APIs, bound to
     * that same session, for the signed-in {@code account} and within the scope policy.
     *
     * @param requestedAudience one of the client's audiences, to narrow the token to it
     */
    public GrantOutcome exchange(
            Client client, Account account, Session session, Optional<String> requestedAudience, String scope) {
        if (!client.allows(GrantType.TOKEN_EXCHANGE)) {
            return unauthorized(GrantType.TOKEN_EXCHANGE);
        }
        List<String> audience = audience(client);
        if (requestedAudience.isPresent()) {
            if (!client.audiences().contains(requestedAudience.get())) {
                return new GrantOutcome.Refused(
                        GrantError.INVALID_TARGET, "That audience is not allowed for this client.");
            }
            audience = List.of(requestedAudience.get(), issuer);
        }
        ScopePolicy.Decision decision = ScopePolicy.forUser(client, account, scope);
        if (decision instanceof ScopePolicy.Decision.Refused refused) {
            return new GrantOutcome.Refused(GrantError.INVALID_SCOPE, refused.detail());
        }
        IssuedAccessToken access = accessTokens.issue(
                account.id().value(),
                Optional.of(session.id().value()),
                client.id().value(),
                audience,
                scope,
                AuthenticationMethod.wireNames(session.amr()),
                Optional.of(session.authTime()));
        return new GrantOutcome.Issued(access, Optional.empty(), scope);
    }

    /**
     * RFC 7009: ends what {@code token} stands for when {@code client} is the one it was issued to — a
     * refresh token's whole login, or one access token. Anything else is ignored, as the RFC asks.
     */
    public void revoke(Client client, String token, String clientAddress) {
        Actor actor = Actor.client(client.id().value(), clientAddress);
        if (refreshTokens.revoke(token, client.id(), actor)) {
            return;
        }
        if (accessTokens.verify(token, issuer) instanceof BearerCheck.Valid valid
                && valid.claims().clientId().equals(client.id().value())) {
            accessTokens.revoke(valid.claims());
            audit.record(
                    AuditType.TOKEN_REVOKED,
                    Optional.of(valid.claims().subject()),
                    actor,
                    Map.of("kind", "access_token", "jti", valid.claims().jwtId()));
        }
    }

    /**
     * RFC 7662, answering only what the caller may know (section 2.2 lets a server refuse to tell): an
     * access token to a resource server it is meant for (its audience); a refresh token to the client it was
     * issued to; a cookie session to a resource server registered to check cookies. Anything else,
     * and clients without a secret, get {@link Introspection.Inactive}.
     */
    public Introspection introspect(Client caller, String token) {
        if (!caller.type().hasSecret()) {
            return new Introspection.Inactive();
        }
        Optional<Introspection> answer = liveAccessToken(token)
                .filter(claims -> caller.type() == ClientType.RESOURCE_SERVER && caller.serves(claims.audience()))
                .<Introspection>map(Introspection.ActiveAccessToken::new)
                .or(() -> refreshTokens
                        .inspect(token)
                        .filter(family -> family.clientId().equals(caller.id()))
                        .map(Introspection.ActiveRefreshToken::new))
                .or(() -> sessionToken(caller, token));
        return answer.orElseGet(Introspection.Inactive::new);
    }

    private Optional<Introspection> sessionToken(Client caller, String token) {
        if (!caller.sessionIntrospection()) {
            return Optional.empty();
        }
        return SessionToken.parse(token)
                .flatMap(sessions::inspect)
                .map(s -> new Introspection.ActiveSession(s, s.expiresAt(sessions.policyFor(s))));
    }

    /**
     * The claims of a valid access token whose session, if it has one, is still live, and whose client
     * still is the one that obtained it: a deleted client's tokens die with it here at once (verifiers
     * elsewhere accept those without a login of their own until they expire, minutes later).
     */
    public Optional<AccessTokenClaims> liveAccessToken(String token) {
        return live(accessTokens.verify(token, issuer));
    }

    /**
     * As {@link #liveAccessToken(String)}, for a token of any audience: OpenID Connect's userinfo serves
     * the code flow's tokens of every client, which name the client's own audiences rather than this
     * server (the caller still checks the {@code openid} scope).
     */
    public Optional<AccessTokenClaims> liveAccessTokenOfAnyAudience(String token) {
        return live(accessTokens.verifyForAnyAudience(token));
    }

    private Optional<AccessTokenClaims> live(BearerCheck check) {
        if (!(check instanceof BearerCheck.Valid valid)) {
            return Optional.empty();
        }
        AccessTokenClaims claims = valid.claims();
        boolean sessionGone = claims.sessionId().isPresent()
                && sessions.findLive(new SessionId(claims.sessionId().get())).isEmpty();
        return sessionGone || !issuedByAClientThatStillExists(claims) ? Optional.empty() : Optional.of(claims);
    }

    /** {@code iat} has whole seconds, so a token may carry the second its client was created in. */
    private boolean issuedByAClientThatStillExists(AccessTokenClaims claims) {
        return clients.registeredSince(claims.clientId())
                .filter(since -> claims.issuedAt().plusSeconds(1).isAfter(since))
                .isPresent();
    }

    private List<String> audience(Client client) {
        return audience(client, issuer);
    }

    /** The client's audiences, and always this server's own, so the token also works at {@code /v1/me}. */
    public static List<String> audience(Client client, String issuer) {
        List<String> audience = new ArrayList<>(client.audiences());
        if (!audience.contains(issuer)) {
            audience.add(issuer);
        }
        return audience;
    }

    private static GrantOutcome unauthorized(GrantType grant) {
        return new GrantOutcome.Refused(
                GrantError.UNAUTHORIZED_CLIENT, "This client may not use " + grant.wireName() + ".");
    }

    private static GrantOutcome invalidRefresh() {
        return new GrantOutcome.Refused(GrantError.INVALID_GRANT, INVALID_REFRESH);
    }
}
