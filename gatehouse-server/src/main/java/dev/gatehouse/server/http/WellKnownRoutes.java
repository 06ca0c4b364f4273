package dev.gatehouse.server.http;

import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.jwt.SigningAlgorithm;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Discovery: the RFC 8414 metadata and the JWK Set, enough for Spring Security's {@code issuer-uri}
 * and Node's {@code jose} to configure themselves. The key set may be cached briefly: a new key is
 * published as "next" long before it signs anything.
 */
final class WellKnownRoutes {
    static final String JWKS_CACHE_CONTROL = "public, max-age=300";

    private final KeyService keys;
    private final String issuer;
    private final HttpIo io;

    WellKnownRoutes(KeyService keys, String issuer, HttpIo io) {
        this.keys = keys;
        this.issuer = issuer;
        this.io = io;
    }

    /** RFC 8414 section 2, in the order of the RFC. */
    record Metadata(
            String issuer,
            String jwksUri,
            String tokenEndpoint,
            List<String> responseTypesSupported,
            List<String> grantTypesSupported,
            List<String> tokenEndpointAuthMethodsSupported,
            String revocationEndpoint,
            List<String> revocationEndpointAuthMethodsSupported,
            String introspectionEndpoint,
            List<String> introspectionEndpointAuthMethodsSupported,
            // Not registered by RFC 8414, but what verifiers need to know: the algorithms access tokens use.
            List<String> accessTokenSigningAlgValuesSupported) {}

    void register(HttpRouting.Builder routing) {
        Route.at("/.well-known/jwks.json")
                .get((request, response) -> {
                    response.header(HeaderNames.CACHE_CONTROL, JWKS_CACHE_CONTROL);
                    response.header(HeaderNames.CONTENT_TYPE, "application/json");
                    response.send(keys.ring().publicJwkSet().toString().getBytes(StandardCharsets.UTF_8));
                })
                .register(routing, io);
        Route.at("/.well-known/oauth-authorization-server")
                .get((request, response) -> {
                    response.header(HeaderNames.CACHE_CONTROL, JWKS_CACHE_CONTROL);
                    io.json(response, 200, metadata());
                })
                .register(routing, io);
    }

    private Metadata metadata() {
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post", "none");
        return new Metadata(
                issuer,
                issuer + "/.well-known/jwks.json",
                issuer + "/oauth2/token",
                List.of(),
                List.of(
                        GrantType.REFRESH_TOKEN.wireName(),
                        GrantType.CLIENT_CREDENTIALS.wireName(),
                        GrantType.TOKEN_EXCHANGE.wireName()),
                authMethods,
                issuer + "/oauth2/revoke",
                authMethods,
                issuer + "/oauth2/introspect",
                List.of("client_secret_basic", "client_secret_post"),
                Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
    }
}
