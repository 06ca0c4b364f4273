package dev.gatehouse.server.http;

import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.oidc.Pkce;
import dev.gatehouse.jwt.SigningAlgorithm;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Discovery: the RFC 8414 metadata (also the OpenID Connect discovery document) and the JWK Set,
 * enough for Spring Security's {@code issuer-uri}
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

    /**
     * RFC 8414 section 2, in the order of the RFC, then OpenID Connect Discovery 1.0 section 3's own
     * members: one document served at both addresses, so the two can never disagree.
     */
    record Metadata(
            String issuer,
            String authorizationEndpoint,
            String jwksUri,
            String tokenEndpoint,
            List<String> scopesSupported,
            List<String> responseTypesSupported,
            List<String> responseModesSupported,
            List<String> grantTypesSupported,
            List<String> tokenEndpointAuthMethodsSupported,
            String revocationEndpoint,
            List<String> revocationEndpointAuthMethodsSupported,
            String introspectionEndpoint,
            List<String> introspectionEndpointAuthMethodsSupported,
            List<String> codeChallengeMethodsSupported,
            // RFC 9207 section 3: every authorization response carries iss.
            boolean authorizationResponseIssParameterSupported,
            // Not registered by RFC 8414, but what verifiers need to know: the algorithms access tokens use.
            List<String> accessTokenSigningAlgValuesSupported,
            String userinfoEndpoint,
            String endSessionEndpoint,
            List<String> subjectTypesSupported,
            List<String> idTokenSigningAlgValuesSupported,
            List<String> claimsSupported,
            List<String> promptValuesSupported,
            // OpenID Connect Discovery 1.0 section 3: request_uri support is assumed unless said otherwise.
            boolean requestParameterSupported,
            boolean requestUriParameterSupported,
            // OpenID Connect Back-Channel Logout 1.0 section 2.1: logout tokens are sent, and carry sid.
            boolean backchannelLogoutSupported,
            boolean backchannelLogoutSessionSupported) {}

    void register(HttpRouting.Builder routing) {
        Route.at("/.well-known/jwks.json")
                .get((request, response) -> {
                    response.header(HeaderNames.CACHE_CONTROL, JWKS_CACHE_CONTROL);
                    response.header(HeaderNames.CONTENT_TYPE, "application/json");
                    response.send(keys.ring().publicJwkSet().toString().getBytes(StandardCharsets.UTF_8));
                })
                .register(routing, io);
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            Route.at(path)
                    .get((request, response) -> {
                        response.header(HeaderNames.CACHE_CONTROL, JWKS_CACHE_CONTROL);
                        io.json(response, 200, metadata());
                    })
                    .register(routing, io);
        }
    }

    private Metadata metadata() {
        List<String> authMethods = List.of("client_secret_basic", "client_secret_post", "none");
        List<String> algorithms =
                Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList();
        return new Metadata(
                issuer,
                issuer + "/oauth2/authorize",
                issuer + "/.well-known/jwks.json",
                issuer + "/oauth2/token",
                List.of("openid", "email", "profile"),
                List.of("code"),
                List.of("query"),
                List.of(
                        GrantType.AUTHORIZATION_CODE.wireName(),
                        GrantType.REFRESH_TOKEN.wireName(),
                        GrantType.CLIENT_CREDENTIALS.wireName(),
                        GrantType.TOKEN_EXCHANGE.wireName()),
                authMethods,
                issuer + "/oauth2/revoke",
                authMethods,
                issuer + "/oauth2/introspect",
                List.of("client_secret_basic", "client_secret_post"),
                List.of(Pkce.S256),
                true,
                algorithms,
                issuer + "/oauth2/userinfo",
                issuer + "/oauth2/logout",
                List.of("public"),
                // What ID tokens are signed with: RS256 by default, ES256 for a client registered for it.
                List.of(KeyService.ID_TOKEN_ALGORITHM.name(), SigningAlgorithm.ES256.name()),
                List.of(
                        "iss",
                        "sub",
                        "aud",
                        "exp",
                        "iat",
                        "auth_time",
                        "nonce",
                        "sid",
                        "amr",
                        "email",
                        "email_verified"),
                List.of("none", "login", "consent"),
                false,
                false,
                true,
                true);
    }
}
