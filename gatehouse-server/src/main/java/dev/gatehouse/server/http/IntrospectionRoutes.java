package dev.gatehouse.server.http;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.core.limit.LimitedAction;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /oauth2/introspect} (RFC 7662) for access tokens, refresh tokens and session tokens,
 * for authenticated clients; what each may learn is the core's rule ({@link GrantService#introspect}).
 * Failed client authentication counts against the address, the rest against the client.
 */
final class IntrospectionRoutes {
    private final GrantService grants;
    private final ClientAuthentication clientAuthentication;
    private final Throttle throttle;
    private final String issuer;
    private final HttpIo io;

    IntrospectionRoutes(ApiServices services, ClientAuthentication clientAuthentication, Throttle throttle, HttpIo io) {
        this.grants = services.grants();
        this.clientAuthentication = clientAuthentication;
        this.throttle = throttle;
        this.issuer = services.config().issuer().toString();
        this.io = io;
    }

    void register(HttpRouting.Builder routing) {
        Route.at("/oauth2/introspect").post(this::introspect).register(routing, io);
    }

    private void introspect(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Client client = throttle.countingFailures(
                request, LimitedAction.INTROSPECTION, () -> clientAuthentication.authenticateWithSecret(request, form));
        throttle.attempt(
                request,
                LimitedAction.INTROSPECTION,
                Optional.of("client:" + client.id().value()));
        String token = form.require("token");
        io.json(response, 200, IntrospectionResponse.of(grants.introspect(client, token), issuer));
    }
}
