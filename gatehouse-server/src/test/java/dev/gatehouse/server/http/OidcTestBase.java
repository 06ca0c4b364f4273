package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.core.oidc.Pkce;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real server with OpenID Connect clients: {@code shop} (web, first-party), {@code partner} (web, asks
 * for consent) and {@code native-app} (public, loopback redirect).
 */
abstract class OidcTestBase extends TokenTestBase {
    static final String SHOP_REDIRECT = "https://shop.example/callback";
    static final String PARTNER_REDIRECT = "https://partner.example/cb";
    static final String NATIVE_REDIRECT = "http://127.0.0.1/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final ObjectMapper JSON = new ObjectMapper();

    static String shopSecret;
    static String partnerSecret;

    @BeforeAll
    static void registerOidcClients() {
        var clients = server.gatehouse().clients();
        shopSecret = clients.create(new ClientId("shop"), ClientType.WEB, web(SHOP_REDIRECT, true))
                .orElseThrow()
                .secret()
                .orElseThrow();
        partnerSecret = clients.create(new ClientId("partner"), ClientType.WEB, web(PARTNER_REDIRECT, false))
                .orElseThrow()
                .secret()
                .orElseThrow();
        clients.create(
                new ClientId("native-app"),
                ClientType.PUBLIC,
                new NewClientSettings(
                        GrantType.defaultsFor(ClientType.PUBLIC),
                        List.of(),
                        Set.of(),
                        false,
                        new SignInRegistration(List.of(NATIVE_REDIRECT), List.of(), Optional.empty(), true)));
    }

    private static NewClientSettings web(String redirect, boolean firstParty) {
        return new NewClientSettings(
                GrantType.defaultsFor(ClientType.WEB),
                List.of("orders-api"),
                Set.of(),
                false,
                new SignInRegistration(
                        List.of(redirect),
                        List.of(redirect.replace("/callback", "/").replace("/cb", "/")),
                        Optional.empty(),
                        firstParty));
    }

    /** A browser signed in to Gatehouse with a new account. */
    static ApiClient browser() {
        ApiClient browser = client();
        assertThat(browser.login(newAccount(), PASSWORD).status()).isEqualTo(200);
        return browser;
    }

    /** A well-formed request of {@code client} to {@code redirect}, to change one parameter of. */
    static Map<String, String> request(String client, String redirect) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", client);
        params.put("redirect_uri", redirect);
        params.put("response_type", "code");
        params.put("scope", "openid email");
        params.put("state", "st-" + UUID.randomUUID());
        params.put("nonce", "n-" + UUID.randomUUID());
        params.put("code_challenge", Pkce.challengeOf(VERIFIER));
        params.put("code_challenge_method", "S256");
        return params;
    }

    static ApiClient.Response authorize(ApiClient browser, Map<String, String> params) {
        return browser.get("/oauth2/authorize?" + query(params));
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The query parameters of a redirect's Location, which must start with {@code redirect}. */
    static Map<String, String> redirectedTo(ApiClient.Response response, String redirect) {
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        String location = response.header("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "?");
        return parameters(URI.create(location).getRawQuery());
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** A code for {@code shop}, issued to a signed-in {@code browser}. */
    static String shopCode(ApiClient browser) {
        return redirectedTo(authorize(browser, request("shop", SHOP_REDIRECT)), SHOP_REDIRECT)
                .get("code");
    }

    static ApiClient.Response redeemAsShop(String code, String verifier) {
        return redeem("shop", shopSecret, code, SHOP_REDIRECT, verifier);
    }

    /** {@code grant_type=authorization_code} as {@code client}, authenticated with HTTP Basic. */
    static ApiClient.Response redeem(String client, String secret, String code, String redirect, String verifier) {
        return client().form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", redirect,
                                "code_verifier", verifier),
                        "Authorization",
                        basic(client, secret));
    }

    /** {@code grant_type=refresh_token} as {@code client}, authenticated with HTTP Basic. */
    static ApiClient.Response refreshAs(String client, String secret, String refreshToken) {
        return client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                        "Authorization",
                        basic(client, secret));
    }

    static JsonNode payloadOf(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    static JsonNode headerOf(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    static void assertOAuthError(ApiClient.Response response, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
    }
}
