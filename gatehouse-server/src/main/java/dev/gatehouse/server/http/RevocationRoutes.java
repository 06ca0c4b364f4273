package dev.gatehouse.server.http;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.core.token.BearerCheck;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /oauth2/revoke} (RFC 7009). A refresh token ends its whole login (the session, so the
 * family and every access token of it die too); an access token is revoked by its {@code jti}. A
 * client can revoke only its own tokens; unknown tokens, and others' tokens, still get a 200
 * (section 2.2), so the endpoint tells nothing.
 */
final class RevocationRoutes {
    private final SessionService sessions;
    private final AccessTokenService accessTokens;
    private final RefreshService refreshTokens;
    private final ClientAuthentication clientAuthentication;
    private final String issuer;
    private final HttpIo io;

    RevocationRoutes(ApiServices services, HttpIo io) {
        this.sessions = services.sessions();
        this.accessTokens = services.accessTokens();
        this.refreshTokens = services.refreshTokens();
        this.clientAuthentication = new ClientAuthentication(services.clients());
        this.issuer = services.config().issuer().toString();
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        routing.post("/oauth2/revoke", this::revoke);
        MethodGuard.allowOnly(routing, "/oauth2/revoke", "POST", io);
    }

    private void revoke(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Client client = clientAuthentication.authenticate(request, form);
        String token = form.require("token");
        refreshTokens
                .familyOf(token)
                .filter(family -> family.clientId().equals(client.id()))
                .ifPresent(family -> sessions.revoke(family.accountId(), family.sessionId()));
        if (accessTokens.verify(token, issuer) instanceof BearerCheck.Valid valid
                && valid.claims().clientId().equals(client.id().value())) {
            accessTokens.revoke(valid.claims());
        }
        response.status(200);
        response.send();
    }
}
