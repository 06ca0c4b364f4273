package dev.gatehouse.core.oidc;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.audit.AuditTrail;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.ScopePolicy;
import dev.gatehouse.core.grant.GrantOutcome;
import dev.gatehouse.core.grant.GrantOutcome.GrantError;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.AuthenticationMethod;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import dev.gatehouse.core.session.TokenHash;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.IssuedAccessToken;
import dev.gatehouse.jwt.Scopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization code flow with PKCE (RFC 6749 section 4.1, RFC 7636, OpenID Connect Core 1.0
 * section 3.1). The rules every entry point gets: a code is 256 random bits stored only as its hash,
 * lives at most {@link #CODE_LIFETIME}, is used once, and is bound to its client, redirect URI, PKCE
 * challenge, nonce and the browser session that authorized it; a second use ends that session, and with
 * it every token issued from the code (RFC 6749 section 4.1.2); every token of the flow belongs to that
 * session, so signing out, "log out everywhere", an administrator or a detected reuse ends them.
 */
public final class AuthorizationService {
    /** RFC 6749 section 4.1.2 recommends at most ten minutes; a browser redirect needs seconds. */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    /** The scope of a request that names none: what discovery lists as supported. */
    public static final String DEFAULT_SCOPE = "openid email profile";

    private static final String INVALID_CODE = "The authorization code is invalid, expired or already used.";

    private final ClientService clients;
    private final AuthorizationCodeStore codes;
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final AccessTokenService accessTokens;
    private final IdTokens idTokens;
    private final BackChannelLogoutService backChannel;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;
    private final RandomSource random;
    private final String issuer;

    public AuthorizationService(
            ClientService clients,
            AuthorizationCodeStore codes,
            SessionService sessions,
            RefreshService refreshTokens,
            AccessTokenService accessTokens,
            IdTokens idTokens,
            BackChannelLogoutService backChannel,
            AuditTrail audit,
            Transactions transactions,
            Clock clock,
            RandomSource random,
            String issuer) {
        this.clients = clients;
        this.codes = codes;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.backChannel = backChannel;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.random = random;
        this.issuer = issuer;
    }

    /** Checks a request in the order RFC 6749 section 4.1.2.1 asks: the client and redirect URI first. */
    public AuthorizationCheck check(AuthorizationRequest request) {
        Optional<Client> client = request.clientId().flatMap(clients::find).filter(Client::signsInThroughBrowser);
        if (client.isEmpty()) {
            return new AuthorizationCheck.Unredirectable("The client_id is not a registered web or public client.");
        }
        if (request.redirectUri().isEmpty()) {
            return new AuthorizationCheck.Unredirectable("The redirect_uri is missing.");
        }
        String redirectUri = request.redirectUri().get();
        if (!client.get().signIn().allowsRedirect(redirectUri, client.get().type())) {
            return new AuthorizationCheck.Unredirectable("The redirect_uri is not registered for this client.");
        }
        var valid = new AuthorizationCheck.Valid(
                client.get(),
                redirectUri,
                "",
                request.state(),
                request.nonce(),
                "",
                java.util.Set.of(),
                Optional.empty(),
                request.loginHint());
        if (!request.responseType().filter("code"::equals).isPresent()) {
            return valid.error("unsupported_response_type", "Only response_type=code is supported.");
        }
        // Refused rather than ignored (OpenID Connect Core 1.0 section 6): an app that sent its request as
        // a signed object, or asked for the answer in a fragment or a form post, would otherwise get a
        // code in the query string that it did not ask for, from parameters it did not sign.
        if (request.requestObject().isPresent()) {
            return valid.error("request_not_supported", "Request objects (request) are not supported.");
        }
        if (request.requestUri().isPresent()) {
            return valid.error("request_uri_not_supported", "request_uri is not supported.");
        }
        if (!request.responseMode().orElse("query").equals("query")) {
            return valid.error("invalid_request", "Only response_mode=query is supported.");
        }
        Optional<String> scope = Scopes.parse(request.scope().orElse(null));
        if (scope.isEmpty()) {
            return valid.error("invalid_scope", "scope is not a list of scope tokens.");
        }
        if (scope.get().isEmpty()) {
            // RFC 6749 section 3.3: without a scope the server uses its default, here everything it supports.
            scope = Optional.of(DEFAULT_SCOPE);
        }
        // RFC 9700 section 2.1.1: PKCE for every client; RFC 7636 section 4.3: no method means plain.
        if (request.codeChallenge().isEmpty()) {
            return valid.error("invalid_request", "code_challenge is required (PKCE with S256).");
        }
        if (!request.codeChallengeMethod().filter(Pkce.S256::equals).isPresent()) {
            return valid.error("invalid_request", "code_challenge_method must be S256.");
        }
        if (!Pkce.isValidChallenge(request.codeChallenge().get())) {
            return valid.error("invalid_request", "code_challenge is not a base64url SHA-256.");
        }
        List<String> prompt = Scopes.split(request.prompt().orElse(""));
        if (!List.of("none", "login", "consent").containsAll(prompt)
                || (prompt.contains("none") && prompt.size() > 1)) {
            return valid.error("invalid_request", "prompt may be none, or login and/or consent.");
        }
        Optional<Duration> maxAge = Optional.empty();
        if (request.maxAge().isPresent()) {
            if (!request.maxAge().get().matches("[0-9]{1,9}")) {
                return valid.error("invalid_request", "max_age is a number of seconds.");
            }
            maxAge = Optional.of(
                    Duration.ofSeconds(Long.parseLong(request.maxAge().get())));
        }
        return new AuthorizationCheck.Valid(
                client.get(),
                redirectUri,
                scope.get(),
                request.state(),
                request.nonce(),
                request.codeChallenge().get(),
                java.util.Set.copyOf(prompt),
                maxAge,
                request.loginHint());
    }

    /**
     * Whether the session is too old for the request's {@code max_age} (OpenID Connect Core 1.0
     * section 3.1.2.1): then the user must sign in again.
     */
    public boolean needsFreshSignIn(AuthorizationCheck.Valid request, Session session) {
        return request.prompt().contains("login")
                || request.maxAge()
                        .filter(max -> Duration.between(session.authTime(), clock.instant())
                                        .compareTo(max)
                                > 0)
                        .isPresent();
    }

    /**
     * A code for {@code account}'s browser {@code session}, or the error to redirect with when the scope
     * policy refuses the request's scopes.
     */
    public CodeIssue issueCode(AuthorizationCheck.Valid request, Account account, Session session) {
        if (ScopePolicy.forUser(request.client(), account, request.scope())
                instanceof ScopePolicy.Decision.Refused refused) {
            return new CodeIssue.Refused(request.error("invalid_scope", refused.detail()));
        }
        SessionToken code = SessionToken.random(random);
        Instant now = now();
        codes.insert(new AuthorizationCode(
                code.hash(),
                request.client().id(),
                request.redirectUri(),
                request.codeChallenge(),
                request.nonce(),
                session.id(),
                account.id(),
                request.scope(),
                now,
                now.plus(CODE_LIFETIME)));
        return new CodeIssue.Issued(code.reveal());
    }

    /** {@code grant_type=authorization_code}: the code's tokens, once. */
    public GrantOutcome redeem(
            Client client,
            String presentedCode,
            Optional<String> redirectUri,
            Optional<String> verifier,
            String clientAddress) {
        if (!client.allows(GrantType.AUTHORIZATION_CODE)) {
            return new GrantOutcome.Refused(
                    GrantError.UNAUTHORIZED_CLIENT, "This client may not use authorization_code.");
        }
        Optional<TokenHash> hash = SessionToken.parse(presentedCode).map(SessionToken::hash);
        if (hash.isEmpty()) {
            return invalidCode();
        }
        Instant now = now();
        // Everything a presentation can get wrong is checked before anything happens to the code: whose
        // code it is, its redirect_uri, its PKCE verifier and its age. A presentation that fails one of
        // them issues nothing, so it neither uses the code up nor counts as its reuse: otherwise whoever
        // saw a code (another client, or anyone holding it without the verifier PKCE exists to demand)
        // could burn it and, when its own client then redeemed it, end the user's session as a replay;
        // and a client retrying an expired code would sign its user out. The price: a redeemed code
        // replayed after its 60 s is refused without ending the session, which only a thief holding the
        // verifier too could do, past the code's lifetime.
        Optional<AuthorizationCode> found = codes.find(hash.get());
        if (found.isEmpty()
                || !found.get().clientId().equals(client.id())
                || !redirectUri.filter(found.get().redirectUri()::equals).isPresent()
                || !now.isBefore(found.get().expiresAt())) {
            return invalidCode();
        }
        if (!verifier.filter(v -> Pkce.verifies(v, found.get().codeChallenge())).isPresent()) {
            return new GrantOutcome.Refused(GrantError.INVALID_GRANT, "The code_verifier does not match.");
        }
        Optional<AuthorizationCode> taken = codes.take(hash.get(), now);
        if (taken.isEmpty()) {
            endSessionOf(found.get(), clientAddress);
            return invalidCode();
        }
        AuthorizationCode code = taken.get();
        Optional<Session> session = sessions.findLive(code.sessionId());
        if (session.isEmpty()) {
            return invalidCode();
        }
        List<String> audience = codeFlowAudience(client);
        backChannel.tokensIssued(client, code.sessionId(), code.accountId());
        Optional<String> refresh;
        try {
            refresh = client.allows(GrantType.REFRESH_TOKEN)
                    ? Optional.of(refreshTokens.start(
                            code.sessionId(), code.accountId(), client.id(), code.scope(), audience))
                    : Optional.empty();
        } catch (StoreUnavailableException e) {
            // The same code presented again at this moment counts as its replay and ends the session, so
            // the family's insert, tied to the session, fails: a refused code, not a store outage.
            if (sessions.findLive(code.sessionId()).isEmpty()) {
                return invalidCode();
            }
            throw e;
        }
        // How and when the browser session's person authenticated, as every access token of a session says.
        IssuedAccessToken access = accessTokens.issue(
                code.accountId().value(),
                Optional.of(code.sessionId().value()),
                client.id().value(),
                audience,
                code.scope(),
                AuthenticationMethod.wireNames(session.get().amr()),
                Optional.of(session.get().authTime()));
        Optional<String> idToken = Scopes.split(code.scope()).contains("openid")
                ? Optional.of(idTokens.issue(client, session.get(), code.nonce()))
                : Optional.empty();
        return new GrantOutcome.Issued(access, refresh, code.scope(), idToken);
    }

    /**
     * Whom the code flow's access token is for. Only a first-party app's token also names this server, so
     * that it works at Gatehouse's own API ({@code /v1/me}); a third-party app's names its registered
     * audiences, or the client itself, so it reaches no more than the consented scope (userinfo accepts
     * it for {@code openid}).
     */
    private List<String> codeFlowAudience(Client client) {
        if (client.signIn().firstParty()) {
            return GrantService.audience(client, issuer);
        }
        return client.audiences().isEmpty() ? List.of(client.id().value()) : client.audiences();
    }

    /** A code presented twice was stolen or replayed: its session, and every token from it, ends. */
    private void endSessionOf(AuthorizationCode reused, String clientAddress) {
        transactions.inOne(() -> {
            boolean ended = sessions.revoke(reused.accountId(), reused.sessionId());
            audit.record(
                    AuditType.AUTHORIZATION_CODE_REUSED,
                    Optional.of(reused.accountId().value()),
                    Actor.client(reused.clientId().value(), clientAddress),
                    Map.of("session_id", reused.sessionId().value(), "session_ended", Boolean.toString(ended)));
            return ended;
        });
    }

    /** Deletes expired codes; returns how many. */
    public int purgeExpiredCodes() {
        return codes.deleteExpired(now());
    }

    private static GrantOutcome invalidCode() {
        return new GrantOutcome.Refused(GrantError.INVALID_GRANT, INVALID_CODE);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
