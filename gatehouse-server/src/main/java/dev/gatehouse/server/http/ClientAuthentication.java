package dev.gatehouse.server.http;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.client.ClientType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Who the client of an OAuth request is (RFC 6749 section 2.3): HTTP Basic or
 * {@code client_secret_post} for clients with a secret, a bare {@code client_id} for first-party
 * and public clients, which have none. Never both methods at once.
 */
final class ClientAuthentication {
    private final ClientService clients;

    ClientAuthentication(ClientService clients) {
        this.clients = clients;
    }

    /** The authenticated client; 401 invalid_client when it is not one. */
    Client authenticate(ServerRequest request, FormBody form) {
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            if (form.get("client_secret").isPresent()) {
                throw OAuthError.invalidRequest("Use one client authentication method.");
            }
            String[] idAndSecret = basic(authorization.get());
            if (form.get("client_id").filter(id -> !id.equals(idAndSecret[0])).isPresent()) {
                throw OAuthError.invalidClient();
            }
            return clients.authenticate(idAndSecret[0], idAndSecret[1]).orElseThrow(OAuthError::invalidClient);
        }
        String id = form.get("client_id").orElseThrow(OAuthError::invalidClient);
        Optional<String> secret = form.get("client_secret");
        if (secret.isPresent()) {
            return clients.authenticate(id, secret.get()).orElseThrow(OAuthError::invalidClient);
        }
        // First-party and public clients cannot keep a secret: their client_id alone names them.
        return clients.find(id).filter(c -> !c.type().hasSecret()).orElseThrow(OAuthError::invalidClient);
    }

    /** A client that has a secret and proved it (introspection); 401 invalid_client otherwise. */
    Client authenticateWithSecret(ServerRequest request, FormBody form) {
        Client client = authenticate(request, form);
        if (!client.type().hasSecret()) {
            throw OAuthError.invalidClient();
        }
        return client;
    }

    /**
     * A resource server by HTTP Basic, for the revocation feed ({@code GET}, no form body): 401 when no
     * client proved itself, 403 when one did that is not a resource server. The feed names every
     * user's ended sessions, so it is for the APIs that verify tokens and no one else: an outside attack
     * found a third-party web app, which a user had merely consented to, reading it.
     */
    Client authenticateResourceServer(ServerRequest request) {
        Client client = request.headers()
                .first(HeaderNames.AUTHORIZATION)
                .flatMap(header -> {
                    try {
                        String[] idAndSecret = basic(header);
                        return clients.authenticate(idAndSecret[0], idAndSecret[1]);
                    } catch (OAuthException e) {
                        return Optional.empty();
                    }
                })
                .filter(c -> c.type().hasSecret())
                .orElseThrow(() -> new ProblemException(
                        Problem.of(ProblemType.INVALID_CLIENT, "Authenticate as a resource server with HTTP Basic."),
                        java.util.Map.of(HeaderNames.WWW_AUTHENTICATE.defaultCase(), "Basic realm=\"gatehouse\"")));
        if (client.type() != ClientType.RESOURCE_SERVER) {
            throw new ProblemException(
                    Problem.of(ProblemType.FORBIDDEN, "Only resource-server clients may read the revocation feed."));
        }
        return client;
    }

    private static String[] basic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthError.invalidClient();
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                throw OAuthError.invalidClient();
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidClient();
        }
    }
}
