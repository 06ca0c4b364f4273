package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.BearerCheck;
import dev.gatehouse.jwt.AccessTokenClaims;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer access tokens (RFC 6750) for Gatehouse's own API: a valid signature and claims are not
 * enough; the token's session must still be live, so every revocation path reaches the JWT at once.
 */
final class BearerAuthentication {
    private static final System.Logger LOG = System.getLogger("gatehouse.bearer");
    private static final Map<String, String> INVALID_TOKEN =
            Map.of(HeaderNames.WWW_AUTHENTICATE.defaultCase(), "Bearer realm=\"gatehouse\", error=\"invalid_token\"");

    private final AccessTokenService tokens;
    private final SessionService sessions;
    private final AccountService accounts;
    private final String audience;

    BearerAuthentication(AccessTokenService tokens, SessionService sessions, AccountService accounts, String audience) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.accounts = accounts;
        this.audience = audience;
    }

    /** The request's {@code Authorization} header, when it has one; then cookies are not looked at. */
    static Optional<String> authorizationHeader(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION);
    }

    /** The caller behind {@code Authorization: Bearer ...}; a 401 invalid_token otherwise. */
    BearerCaller require(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalid("not a Bearer authorization");
        }
        return verify(authorization.substring(7).strip()).orElseThrow(() -> invalid("see above"));
    }

    /** The claims of a token that is valid and whose session, if any, is live. */
    Optional<AccessTokenClaims> liveClaims(String token) {
        BearerCheck check = tokens.verify(token, audience);
        if (check instanceof BearerCheck.Rejected rejected) {
            LOG.log(Level.DEBUG, "bearer token rejected: " + rejected.reason());
            return Optional.empty();
        }
        AccessTokenClaims claims = ((BearerCheck.Valid) check).claims();
        boolean sessionGone = claims.sessionId().isPresent()
                && sessions.findLive(new SessionId(claims.sessionId().get())).isEmpty();
        return sessionGone ? Optional.empty() : Optional.of(claims);
    }

    /** A user's token: live claims with a session (client-credentials tokens have none) of an unlocked account. */
    private Optional<BearerCaller> verify(String token) {
        return liveClaims(token)
                .filter(claims -> claims.sessionId().isPresent())
                .flatMap(claims -> accounts.find(new AccountId(claims.subject()))
                        .filter(a -> !a.locked())
                        .map(a -> new BearerCaller(a, claims)));
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(
                Problem.of(
                        "invalid-token",
                        "Invalid access token",
                        401,
                        "The access token is invalid, expired or revoked."),
                INVALID_TOKEN);
    }
}
