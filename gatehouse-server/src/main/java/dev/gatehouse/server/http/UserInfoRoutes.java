package dev.gatehouse.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatehouse.core.client.ScopePolicy;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET/POST /oauth2/userinfo} (OpenID Connect Core 1.0 section 5.3): the signed-in user's claims
 * for an access token of the code flow, which must carry {@code openid}; the e-mail claims only with
 * {@code email}. The token's session must be live, like every bearer token here.
 */
final class UserInfoRoutes {
    private final BearerAuthentication bearer;
    private final HttpIo io;

    UserInfoRoutes(BearerAuthentication bearer, HttpIo io) {
        this.bearer = bearer;
        this.io = io;
    }

    /** Section 5.1's standard claims that Gatehouse knows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserInfo(
            String sub, @Nullable String email, @Nullable Boolean emailVerified) {}

    void register(HttpRouting.Builder routing) {
        Route.at("/oauth2/userinfo").get(this::userInfo).post(this::userInfo).register(routing, io);
    }

    private void userInfo(ServerRequest request, ServerResponse response) {
        String authorization = BearerAuthentication.authorizationHeader(request)
                .orElseThrow(() -> new ProblemException(
                        Problem.of(ProblemType.INVALID_TOKEN, "Send the access token as Authorization: Bearer."),
                        Map.of(HeaderNames.WWW_AUTHENTICATE.defaultCase(), "Bearer realm=\"gatehouse\"")));
        BearerCaller caller = bearer.requireForUserInfo(authorization);
        if (!ScopePolicy.carries(caller.claims().scope(), "openid")) {
            throw new ProblemException(
                    Problem.of(ProblemType.INVALID_SCOPE, "The access token does not carry the openid scope."),
                    Map.of(
                            HeaderNames.WWW_AUTHENTICATE.defaultCase(),
                            "Bearer realm=\"gatehouse\", error=\"insufficient_scope\", scope=\"openid\""));
        }
        boolean email = ScopePolicy.carries(caller.claims().scope(), "email");
        io.json(
                response,
                200,
                new UserInfo(
                        caller.account().id().value(),
                        email ? caller.account().email().value() : null,
                        email ? caller.account().emailVerified() : null));
    }
}
