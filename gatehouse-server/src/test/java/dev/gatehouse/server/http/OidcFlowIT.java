package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.audit.Actor;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.core.client.NewClientSettings;
import dev.gatehouse.core.client.SignInRegistration;
import dev.gatehouse.core.oidc.Pkce;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OpenID Connect's code flow over plain HTTP: discovery, codes, ID tokens, userinfo, consent, one session. */
class OidcFlowIT extends OidcTestBase {

    @Test
    void discoveryIsOneDocumentAtBothAddresses() {
        JsonNode openid = client().get("/.well-known/openid-configuration").json();
        JsonNode oauth = client().get("/.well-known/oauth-authorization-server").json();

        assertThat(openid).isEqualTo(oauth);
        assertThat(openid.get("issuer").asText()).isEqualTo(ISSUER);
        assertThat(openid.get("authorization_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(openid.get("userinfo_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/userinfo");
        assertThat(openid.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(openid.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(openid.get("scopes_supported").toString()).contains("openid", "email", "profile");
        assertThat(openid.get("id_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"RS256\",\"ES256\"]");
        assertThat(openid.get("authorization_response_iss_parameter_supported").asBoolean())
                .isTrue();
        assertThat(openid.get("grant_types_supported").toString()).contains("authorization_code");
        assertThat(openid.get("backchannel_logout_supported").asBoolean()).isTrue();
        // Said outright: OpenID Connect Discovery 1.0 takes request_uri as supported when it is absent.
        assertThat(openid.get("request_uri_parameter_supported").asBoolean()).isFalse();
        assertThat(openid.get("request_parameter_supported").asBoolean()).isFalse();
        assertThat(openid.get("backchannel_logout_session_supported").asBoolean())
                .isTrue();
    }

    @Test
    void aWebClientGetsAnIdTokenAccessTokenAndRefreshTokenForTheSignedInUser() throws Exception {
        ApiClient browser = browser();
        Map<String, String> request = request("shop", SHOP_REDIRECT);

        Map<String, String> answer = redirectedTo(authorize(browser, request), SHOP_REDIRECT);

        assertThat(answer.get("state")).isEqualTo(request.get("state"));
        assertThat(answer.get("iss")).isEqualTo(ISSUER);
        assertThat(answer.get("code")).hasSize(43);
        ApiClient.Response tokens = redeemAsShop(answer.get("code"), VERIFIER);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String idToken = tokens.json().get("id_token").asText();
        JsonNode claims = payloadOf(idToken);
        JsonNode me = browser.get("/v1/sessions/current").json();
        assertThat(headerOf(idToken).get("typ").asText()).isEqualTo("JWT");
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("aud").toString()).contains("\"shop\"");
        assertThat(claims.get("nonce").asText()).isEqualTo(request.get("nonce"));
        assertThat(claims.get("sid").asText())
                .isEqualTo(me.get("session").get("id").asText());
        assertThat(claims.get("amr").toString()).isEqualTo("[\"pwd\"]");
        assertThat(claims.get("auth_time").asLong()).isPositive();
        assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("iat").asLong());
        assertThat(tokens.json().get("refresh_token").asText()).hasSize(43);

        String access = tokens.json().get("access_token").asText();
        JsonNode userInfo = client().getWithBearer("/oauth2/userinfo", access).json();
        assertThat(userInfo.get("sub").asText()).isEqualTo(claims.get("sub").asText());
        assertThat(userInfo.get("email").asText()).endsWith("@example.com");
        assertThat(userInfo.get("email_verified").asBoolean()).isFalse();
        ApiClient.Response posted = client().send("POST", "/oauth2/userinfo", "", "Authorization", "Bearer " + access);
        assertThat(posted.json().get("sub").asText())
                .isEqualTo(claims.get("sub").asText());
    }

    /**
     * OpenID Connect Core 1.0 section 15.1: the ID token is signed with RS256, which every relying party
     * accepts, while the access token keeps the configured ES256; an independent JOSE implementation
     * (nimbus) verifies both against the published key set, each with its own key.
     */
    @Test
    void theIdTokenIsRs256AndTheAccessTokenEs256BothVerifiedByNimbusAgainstTheJwks() throws Exception {
        JsonNode tokens = redeemAsShop(shopCode(browser()), VERIFIER).json();
        JWKSet jwks = JWKSet.parse(client().get("/.well-known/jwks.json").body());

        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asText());
        SignedJWT accessToken = SignedJWT.parse(tokens.get("access_token").asText());

        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWK idTokenKey = jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idTokenKey.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(idTokenKey.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(idToken.verify(new RSASSAVerifier(idTokenKey.toRSAKey()))).isTrue();

        assertThat(accessToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWK accessTokenKey = jwks.getKeyByKeyId(accessToken.getHeader().getKeyID());
        assertThat(accessTokenKey.getKeyID()).isNotEqualTo(idTokenKey.getKeyID());
        assertThat(accessToken.verify(new ECDSAVerifier(accessTokenKey.toECKey())))
                .isTrue();
    }

    /** A client registered with {@code id_token_signed_response_alg} ES256 gets ES256 ID tokens. */
    @Test
    void aClientRegisteredForEs256IdTokensGetsThem() throws Exception {
        String redirect = "https://es.example/callback";
        String secret = server.gatehouse()
                .clients()
                .create(
                        new ClientId("es-shop"),
                        ClientType.WEB,
                        new NewClientSettings(
                                GrantType.defaultsFor(ClientType.WEB),
                                List.of(),
                                Set.of(),
                                false,
                                new SignInRegistration(
                                        List.of(redirect),
                                        List.of(),
                                        Optional.empty(),
                                        true,
                                        Optional.of(SigningAlgorithm.ES256))))
                .orElseThrow()
                .secret()
                .orElseThrow();
        String code = redirectedTo(authorize(browser(), request("es-shop", redirect)), redirect)
                .get("code");
        JsonNode tokens = redeem("es-shop", secret, code, redirect, VERIFIER).json();
        JWKSet jwks = JWKSet.parse(client().get("/.well-known/jwks.json").body());

        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asText());

        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(idToken.verify(new ECDSAVerifier(
                        jwks.getKeyByKeyId(idToken.getHeader().getKeyID()).toECKey())))
                .isTrue();
    }

    /**
     * The ID token and the code flow's access token say how the browser session's person signed in: a
     * password and an authenticator app here, and `email_verified` follows the account.
     */
    @Test
    void tokensOfTheFlowSayTheSessionSignedInWithASecondFactor() throws Exception {
        String email = newAccount();
        Account account = server.gatehouse().accounts().findByEmail(email).orElseThrow();
        String key =
                server.gatehouse().factors().beginTotp(account).orElseThrow().secret();
        server.gatehouse().factors().confirmTotp(account.id(), TotpCalculator.at(key, clock.instant()), Actor.SYSTEM);
        clock.advance(Duration.ofSeconds(30)); // a later step than the enrolment's code
        server.gatehouse().accounts().markEmailVerified(account.id());
        ApiClient browser = client();
        String mfaToken = browser.login(email, PASSWORD).json().get("mfa_token").asText();
        assertThat(browser.completeLogin(mfaToken, TotpCalculator.at(key, clock.instant()))
                        .status())
                .isEqualTo(200);

        Map<String, String> answer = redirectedTo(authorize(browser, request("shop", SHOP_REDIRECT)), SHOP_REDIRECT);
        ApiClient.Response tokens = redeemAsShop(answer.get("code"), VERIFIER);

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode idClaims = payloadOf(tokens.json().get("id_token").asText());
        JsonNode accessClaims = payloadOf(tokens.json().get("access_token").asText());
        assertThat(idClaims.get("amr")).extracting(JsonNode::asText).containsExactlyInAnyOrder("pwd", "otp", "mfa");
        assertThat(accessClaims.get("amr")).isEqualTo(idClaims.get("amr"));
        assertThat(accessClaims.get("auth_time")).isEqualTo(idClaims.get("auth_time"));
        JsonNode userInfo = client().getWithBearer(
                        "/oauth2/userinfo", tokens.json().get("access_token").asText())
                .json();
        assertThat(userInfo.get("email_verified").asBoolean()).isTrue();
    }

    @Test
    void signingOutOfGatehouseEndsEveryTokenOfTheFlow() {
        ApiClient browser = browser();
        JsonNode tokens = redeemAsShop(shopCode(browser), VERIFIER).json();
        String access = tokens.get("access_token").asText();
        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(200);

        assertThat(browser.send("DELETE", "/v1/sessions/current", null).status())
                .isEqualTo(204);

        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(401);
        ApiClient.Response refreshed =
                refreshAs("shop", shopSecret, tokens.get("refresh_token").asText());
        assertOAuthError(refreshed, "invalid_grant");
    }

    @Test
    void theRefreshTokenRotatesWithinTheBrowserSession() {
        JsonNode tokens = redeemAsShop(shopCode(browser()), VERIFIER).json();

        ApiClient.Response refreshed =
                refreshAs("shop", shopSecret, tokens.get("refresh_token").asText());

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().get("refresh_token").asText())
                .isNotEqualTo(tokens.get("refresh_token").asText());
    }

    @Test
    void aBrowserNotSignedInGoesToTheSignInPageAndBack() {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put("login_hint", "ada@example.com");

        ApiClient.Response response = authorize(client(), request);

        assertThat(response.status()).isEqualTo(303);
        URI location = URI.create(response.header("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo("/login");
        Map<String, String> login = parameters(location.getRawQuery());
        assertThat(login.get("return_to")).startsWith("/oauth2/authorize?client_id=shop&");
        assertThat(dev.gatehouse.server.pages.ReturnTo.validate(java.util.Optional.of(login.get("return_to"))))
                .isPresent();
        assertThat(login.get("login_hint")).isEqualTo("ada@example.com");
        ApiClient.Response page = client().get(response.header("Location").orElseThrow());
        assertThat(page.body()).contains("value=\"ada@example.com\"");
        // The sign-in form continues to the app: its form-action names the app's origin, and no other.
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' https://shop.example;");

        ApiClient browser = browser();
        ApiClient.Response back = browser.get(login.get("return_to"));
        assertThat(redirectedTo(back, SHOP_REDIRECT).get("state")).isEqualTo(request.get("state"));
    }

    @Test
    void promptLoginAndAnExceededMaxAgeAskForTheFormAgain() {
        ApiClient browser = browser();
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put("prompt", "login");

        ApiClient.Response response = authorize(browser, request);

        String location = response.header("Location").orElseThrow();
        assertThat(location).startsWith("/login?return_to=").contains("&prompt=login");
        assertThat(browser.get(location).body()).contains("id=\"login-form\"");
        Map<String, String> aged = request("shop", SHOP_REDIRECT);
        aged.put("max_age", "60");
        clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(authorize(browser, aged).header("Location").orElseThrow()).startsWith("/login?");
    }

    @Test
    void consentIsAskedOnceAndRemembered() {
        ApiClient browser = browser();
        Map<String, String> request = request("partner", PARTNER_REDIRECT);

        ApiClient.Response page = authorize(browser, request);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Allow partner to sign you in?").contains("email");
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' https://partner.example;");
        Map<String, String> form = new java.util.LinkedHashMap<>(request);
        form.put("csrf_token", browser.csrfToken().orElseThrow());
        form.put("consent", "allow");
        Map<String, String> answer = redirectedTo(browser.form("/oauth2/authorize", form), PARTNER_REDIRECT);
        assertThat(answer).containsKey("code");

        Map<String, String> again =
                redirectedTo(authorize(browser, request("partner", PARTNER_REDIRECT)), PARTNER_REDIRECT);
        assertThat(again).containsKey("code");
    }

    @Test
    void aThirdPartyAppsTokenWorksAtUserInfoButNotAtGatehousesOwnApi() throws Exception {
        ApiClient browser = browser();
        Map<String, String> form = request("partner", PARTNER_REDIRECT);
        form.put("csrf_token", browser.csrfToken().orElseThrow());
        form.put("consent", "allow");
        String code = redirectedTo(browser.form("/oauth2/authorize", form), PARTNER_REDIRECT)
                .get("code");
        ApiClient.Response tokens = redeem("partner", partnerSecret, code, PARTNER_REDIRECT, VERIFIER);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String access = tokens.json().get("access_token").asText();

        assertThat(payloadOf(access).get("aud").toString()).doesNotContain(ISSUER);
        ApiClient.Response me = client().getWithBearer("/v1/me", access);
        assertThat(me.status()).as(me.body()).isEqualTo(401);
        assertThat(me.header("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        ApiClient.Response userInfo = client().getWithBearer("/oauth2/userinfo", access);
        assertThat(userInfo.status()).as(userInfo.body()).isEqualTo(200);
        assertThat(userInfo.json().get("email").asText()).endsWith("@example.com");
        String refreshed = refreshAs(
                        "partner",
                        partnerSecret,
                        tokens.json().get("refresh_token").asText())
                .json()
                .get("access_token")
                .asText();
        assertThat(client().getWithBearer("/v1/me", refreshed).status()).isEqualTo(401);
        assertThat(client().getWithBearer("/oauth2/userinfo", refreshed).status())
                .isEqualTo(200);
    }

    @Test
    void aFirstPartyAppsTokenWorksAtGatehousesOwnApi() throws Exception {
        String access = redeemAsShop(shopCode(browser()), VERIFIER)
                .json()
                .get("access_token")
                .asText();

        assertThat(payloadOf(access).get("aud").toString()).contains(ISSUER);
        assertThat(client().getWithBearer("/v1/me", access).status()).isEqualTo(200);
        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(200);
    }

    @Test
    void disconnectingAConnectedAppForgetsTheConsentAndEndsItsRefreshTokens() {
        ApiClient browser = browser();
        Map<String, String> form = request("partner", PARTNER_REDIRECT);
        form.put("csrf_token", browser.csrfToken().orElseThrow());
        form.put("consent", "allow");
        String code = redirectedTo(browser.form("/oauth2/authorize", form), PARTNER_REDIRECT)
                .get("code");
        ApiClient.Response tokens = redeem("partner", partnerSecret, code, PARTNER_REDIRECT, VERIFIER);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(browser.get("/account/apps").body()).contains("data-client-id=\"partner\"");

        ApiClient.Response disconnected = browser.form(
                "/account/apps/partner/disconnect",
                Map.of("csrf_token", browser.csrfToken().orElseThrow()));

        assertThat(disconnected.status()).isEqualTo(303);
        assertThat(browser.get("/account/apps").body()).doesNotContain("data-client-id=\"partner\"");
        assertOAuthError(
                refreshAs(
                        "partner",
                        partnerSecret,
                        tokens.json().get("refresh_token").asText()),
                "invalid_grant");
        assertThat(authorize(browser, request("partner", PARTNER_REDIRECT)).status())
                .as("asked again")
                .isEqualTo(200);
        assertThat(browser.get("/v1/sessions/current").status())
                .as("still signed in")
                .isEqualTo(200);
    }

    @Test
    void aPublicNativeClientSignsInOverALoopbackRedirectOnAnyPort() throws Exception {
        ApiClient browser = browser();
        CompletableFuture<String> received = new CompletableFuture<>();
        HttpServer loopback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loopback.createContext("/callback", exchange -> {
            received.complete(exchange.getRequestURI().getRawQuery());
            byte[] done = "You may close this window.".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, done.length);
            exchange.getResponseBody().write(done);
            exchange.close();
        });
        loopback.start();
        try {
            String redirect = "http://127.0.0.1:" + loopback.getAddress().getPort() + "/callback";
            String verifier = "native-" + "v".repeat(50);
            Map<String, String> request = request("native-app", redirect);
            request.put("code_challenge", Pkce.challengeOf(verifier));

            String location = authorize(browser, request).header("Location").orElseThrow();
            HttpResponse<String> landed = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(landed.statusCode()).isEqualTo(200);
            Map<String, String> answer = parameters(received.get(5, TimeUnit.SECONDS));

            ApiClient.Response tokens = client().form(
                            "/oauth2/token",
                            Map.of(
                                    "grant_type",
                                    "authorization_code",
                                    "client_id",
                                    "native-app",
                                    "code",
                                    answer.get("code"),
                                    "redirect_uri",
                                    redirect,
                                    "code_verifier",
                                    verifier));
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            assertThat(payloadOf(tokens.json().get("id_token").asText())
                            .get("aud")
                            .toString())
                    .contains("native-app");
        } finally {
            loopback.stop(0);
        }
    }
}
