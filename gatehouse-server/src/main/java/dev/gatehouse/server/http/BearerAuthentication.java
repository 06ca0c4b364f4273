package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.jwt.AccessTokenClaims;
import dev.gatehouse.jwt.BearerToken;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer access tokens (RFC 6750) for Gatehouse's own API: a valid signature and claims are not
 * enough; the token's session must still be live, so every revocation path reaches the JWT at once.
 */
final class BearerAuthentication {
    private static final Map<String, String> INVALID_TOKEN =
            Map.of(HeaderNames.WWW_AUTHENTICATE.defaultCase(), "Bearer realm=\"gatehouse\", error=\"invalid_token\"");

    private final GrantService grants;
    private final AccountService accounts;

    BearerAuthentication(GrantService grants, AccountService accounts) {
        this.grants = grants;
        this.accounts = accounts;
    }

    /** The request's {@code Authorization} header, when it has one; then cookies are not looked at. */
    static Optional<String> authorizationHeader(ServerRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION);
    }

    /**
     * The caller behind {@code Authorization: Bearer ...} with a token for this server's own audience
     * (the issuer); a 401 invalid_token otherwise.
     */
    BearerCaller require(String authorization) {
        return BearerToken.from(authorization)
                .flatMap(grants::liveAccessToken)
                .flatMap(this::caller)
                .orElseThrow(BearerAuthentication::invalid);
    }

    /**
     * As {@link #require(String)}, for a token of any audience: only for userinfo, which serves the code
     * flow's tokens of every client; never for Gatehouse's own API.
     */
    BearerCaller requireForUserInfo(String authorization) {
        return BearerToken.from(authorization)
                .flatMap(grants::liveAccessTokenOfAnyAudience)
                .flatMap(this::caller)
                .orElseThrow(BearerAuthentication::invalid);
    }

    /** A user's token: live claims with a session (client-credentials tokens have none) of an unlocked account. */
    private Optional<BearerCaller> caller(AccessTokenClaims live) {
        return Optional.of(live)
                .filter(claims -> claims.sessionId().isPresent())
                .flatMap(claims -> AccountId.parse(claims.subject())
                        .flatMap(accounts::find)
                        .filter(a -> !a.locked())
                        .map(a -> new BearerCaller(a, claims)));
    }

    private static ProblemException invalid() {
        return new ProblemException(
                Problem.of(ProblemType.INVALID_TOKEN, "The access token is invalid, expired or revoked."),
                INVALID_TOKEN);
    }
}
