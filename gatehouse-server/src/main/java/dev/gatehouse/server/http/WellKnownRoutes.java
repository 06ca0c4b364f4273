package dev.gatehouse.server.http;

import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.jwt.SigningAlgorithm;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    void register(HttpRouting.Builder routing) {
        routing.get("/.well-known/jwks.json", (request, response) -> {
            response.header(HeaderNames.CACHE_CONTROL, JWKS_CACHE_CONTROL);
            response.header(HeaderNames.CONTENT_TYPE, "application/json");
            response.send(keys.ring().publicJwkSet().toString().getBytes(StandardCharsets.UTF_8));
        });
        MethodGuard.allowOnly(routing, "/.well-known/jwks.json", "GET", io);
        routing.get("/.well-known/oauth-authorization-server", (request, response) -> {
            response.header(HeaderNames.CACHE_CONTROL, JWKS_CACHE_CONTROL);
            io.json(response, 200, metadata());
        });
        MethodGuard.allowOnly(routing, "/.well-known/oauth-authorization-server", "GET", io);
    }

    private Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/.well-known/jwks.json");
        m.put("token_endpoint", issuer + "/oauth2/token");
        m.put("revocation_endpoint", issuer + "/oauth2/revoke");
        m.put("introspection_endpoint", issuer + "/oauth2/introspect");
        m.put(
                "grant_types_supported",
                List.of(
                        GrantType.REFRESH_TOKEN.wireName(),
                        GrantType.CLIENT_CREDENTIALS.wireName(),
                        GrantType.TOKEN_EXCHANGE.wireName()));
        m.put("response_types_supported", List.of());
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post", "none");
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        m.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        // Not registered by RFC 8414, but what verifiers need to know: the algorithms access tokens use.
        m.put(
                "access_token_signing_alg_values_supported",
                Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
        return m;
    }
}
