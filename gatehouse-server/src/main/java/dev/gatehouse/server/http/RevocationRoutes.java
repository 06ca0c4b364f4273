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

    private final Throttle throttle;
    private final AuditRecorder audit;

    RevocationRoutes(ApiServices services, Throttle throttle, AuditRecorder audit, HttpIo io) {
        this.throttle = throttle;
        this.audit = audit;
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
        throttle.attempt(request, dev.gatehouse.core.limit.LimitedAction.REVOCATION, java.util.Optional.empty());
        FormBody form = FormBody.read(request);
        Client client = clientAuthentication.authenticate(request, form);
        String token = form.require("token");
        refreshTokens
                .familyOf(token)
                .filter(family -> family.clientId().equals(client.id()))
                .ifPresent(family -> {
                    sessions.revoke(family.accountId(), family.sessionId());
                    audit.record(
                            request,
                            dev.gatehouse.core.audit.AuditType.TOKEN_REVOKED,
                            java.util.Optional.of(family.accountId().value()),
                            client.id().value(),
                            java.util.Map.of(
                                    "kind",
                                    "refresh_token",
                                    "session_id",
                                    family.sessionId().value()));
                });
        if (accessTokens.verify(token, issuer) instanceof BearerCheck.Valid valid
                && valid.claims().clientId().equals(client.id().value())) {
            accessTokens.revoke(valid.claims());
            audit.record(
                    request,
                    dev.gatehouse.core.audit.AuditType.TOKEN_REVOKED,
                    java.util.Optional.of(valid.claims().subject()),
                    client.id().value(),
                    java.util.Map.of(
                            "kind", "access_token", "jti", valid.claims().jwtId()));
        }
        response.status(200);
        response.send();
    }
}
