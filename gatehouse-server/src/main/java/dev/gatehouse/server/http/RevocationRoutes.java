package dev.gatehouse.server.http;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.core.limit.LimitedAction;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /oauth2/revoke} (RFC 7009). A refresh token ends its whole login (the session, so the
 * family and every access token of it die too); an access token is revoked by its {@code jti}. A
 * client can revoke only its own tokens; unknown tokens, and others' tokens, still get a 200
 * (section 2.2), so the endpoint tells nothing.
 */
final class RevocationRoutes {
    private final GrantService grants;
    private final ClientAuthentication clientAuthentication;
    private final Throttle throttle;
    private final HttpIo io;

    RevocationRoutes(GrantService grants, ClientAuthentication clientAuthentication, Throttle throttle, HttpIo io) {
        this.grants = grants;
        this.clientAuthentication = clientAuthentication;
        this.throttle = throttle;
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/oauth2/revoke").post(this::revoke).register(routing, io);
    }

    private void revoke(ServerRequest request, ServerResponse response) {
        throttle.attempt(request, LimitedAction.REVOCATION, Optional.empty());
        FormBody form = FormBody.read(request);
        Client client = clientAuthentication.authenticate(request, form);
        grants.revoke(client, form.require("token"), throttle.addresses().of(request));
        response.status(200);
        response.send();
    }
}
