package dev.gatehouse.server.http;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.refresh.RefreshFamily;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.session.SessionToken;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth2/introspect} (RFC 7662) for access tokens, refresh tokens and session tokens,
 * for authenticated resource servers and confidential clients. Anything not active is exactly
 * {@code {"active":false}}.
 */
final class IntrospectionRoutes {
    private final SessionService sessions;
    private final RefreshService refreshTokens;
    private final BearerAuthentication bearer;
    private final ClientAuthentication clientAuthentication;
    private final String issuer;
    private final HttpIo io;

    private final Throttle throttle;

    IntrospectionRoutes(ApiServices services, BearerAuthentication bearer, Throttle throttle, HttpIo io) {
        this.throttle = throttle;
        this.sessions = services.sessions();
        this.refreshTokens = services.refreshTokens();
        this.bearer = bearer;
        this.clientAuthentication = new ClientAuthentication(services.clients());
        this.issuer = services.config().issuer().toString();
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.post("/oauth2/introspect", this::introspect);
        MethodGuard.allowOnly(routing, "/oauth2/introspect", "POST", io);
    }

    private void introspect(ServerRequest request, ServerResponse response) {
        throttle.attempt(request, dev.gatehouse.core.limit.LimitedAction.INTROSPECTION, java.util.Optional.empty());
        FormBody form = FormBody.read(request);
        Client client = clientAuthentication.authenticate(request, form);
        if (client.type() == ClientType.FIRST_PARTY) {
            throw OAuthError.invalidClient();
        }
        String token = form.require("token");
        Map<String, Object> answer = accessToken(token)
                .or(() -> refreshToken(token))
                .or(() -> sessionToken(token))
                .orElse(Map.of("active", false));
        io.json(response, 200, answer);
    }

    private Optional<Map<String, Object>> accessToken(String token) {
        return bearer.liveClaims(token).map(claims -> {
            Map<String, Object> m =
                    active("Bearer", claims.subject(), claims.expiresAt().getEpochSecond());
            m.put("client_id", claims.clientId());
            m.put("scope", claims.scope());
            m.put("iat", claims.issuedAt().getEpochSecond());
            m.put("iss", claims.issuer());
            m.put("aud", claims.audience());
            m.put("jti", claims.jwtId());
            claims.sessionId().ifPresent(sid -> m.put("sid", sid));
            return m;
        });
    }

    private Optional<Map<String, Object>> refreshToken(String token) {
        Optional<RefreshFamily> family = refreshTokens
                .inspect(token)
                .filter(f -> sessions.findLive(f.sessionId()).isPresent());
        return family.map(f -> {
            Map<String, Object> m = active(
                    "refresh_token",
                    f.accountId().value(),
                    f.absoluteExpiresAt().getEpochSecond());
            m.put("client_id", f.clientId().value());
            m.put("scope", f.scope());
            m.put("iss", issuer);
            m.put("sid", f.sessionId().value());
            return m;
        });
    }

    private Optional<Map<String, Object>> sessionToken(String token) {
        Optional<Session> session = SessionToken.parse(token).flatMap(sessions::inspect);
        return session.map(s -> {
            Map<String, Object> m = active(
                    "session",
                    s.accountId().value(),
                    s.expiresAt(sessions.policyFor(s)).getEpochSecond());
            m.put("iss", issuer);
            m.put("sid", s.id().value());
            return m;
        });
    }

    private static Map<String, Object> active(String type, String subject, long exp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", true);
        m.put("token_type", type);
        m.put("sub", subject);
        m.put("exp", exp);
        return m;
    }
}
