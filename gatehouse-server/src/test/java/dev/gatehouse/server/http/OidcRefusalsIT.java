package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal of the code flow, each its own test (issue 15). */
class OidcRefusalsIT extends OidcTestBase {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example/callback/", // trailing slash
                "https://shop.example:8443/callback", // other port
                "https://SHOP.example/callback", // other case
                "https://shop.example/Callback", // other case in the path
                "https://shop.example/callback/extra", // extra path
                "https://shop.example/callback?x=1", // extra query
                "https://attacker.example@shop.example/callback", // userinfo
                "https://shop.example@attacker.example/callback", // userinfo, the other way round
                "http://shop.example/callback", // other scheme
                "https://shop.example/callback#frag", // fragment
                "https://attacker.example/callback" // unregistered
            })
    void aNearMissRedirectUriGetsAnErrorPageNeverARedirect(String redirect) {
        ApiClient.Response response = authorize(browser(), request("shop", redirect));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isEmpty();
        assertThat(response.body()).contains("This sign-in request cannot be completed");
    }

    @Test
    void aLoopbackRedirectMayVaryItsPortOnlyForAPublicClient() {
        assertThat(authorize(browser(), request("native-app", "http://127.0.0.1:9/callback/"))
                        .status())
                .isEqualTo(400);
        assertThat(authorize(browser(), request("native-app", "http://localhost:9/callback"))
                        .status())
                .isEqualTo(400);
        assertThat(authorize(browser(), request("native-app", "http://127.0.0.1:9/callback"))
                        .status())
                .isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:99999/callback",
                "http://127.0.0.1:0/callback",
                "http://127.0.0.1:/callback",
                "http://127.0.0.1:65536/callback"
            })
    void aLoopbackRedirectWithAnInvalidPortGetsAnErrorPage(String redirect) {
        ApiClient.Response response = authorize(browser(), request("native-app", redirect));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isEmpty();
    }

    @Test
    void anUnknownClientGetsAnErrorPageNeverARedirect() {
        ApiClient.Response response = authorize(browser(), request("nobody", SHOP_REDIRECT));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isEmpty();
    }

    @Test
    void aRepeatedParameterGetsAnErrorPage() {
        ApiClient.Response response = browser()
                .get("/oauth2/authorize?" + query(request("shop", SHOP_REDIRECT))
                        + "&redirect_uri=https%3A%2F%2Fa.example");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Location")).isEmpty();
    }

    @Test
    void aRequestWithoutPkceIsRefused() {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.remove("code_challenge");
        request.remove("code_challenge_method");

        Map<String, String> answer = redirectedTo(authorize(browser(), request), SHOP_REDIRECT);

        assertThat(answer.get("error")).isEqualTo("invalid_request");
        assertThat(answer.get("state")).isEqualTo(request.get("state"));
        assertThat(answer.get("iss")).isEqualTo(ISSUER);
        assertThat(answer).doesNotContainKey("code");
    }

    @Test
    void plainPkceIsRefused() {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put("code_challenge_method", "plain");
        Map<String, String> noMethod = request("shop", SHOP_REDIRECT);
        noMethod.remove("code_challenge_method");

        assertThat(redirectedTo(authorize(browser(), request), SHOP_REDIRECT).get("error"))
                .isEqualTo("invalid_request");
        assertThat(redirectedTo(authorize(browser(), noMethod), SHOP_REDIRECT).get("error"))
                .isEqualTo("invalid_request");
    }

    /**
     * Parameters Gatehouse does not support are refused, not ignored (OpenID Connect Core 1.0 section 6):
     * an outside attack found them dropped and a code sent in the query string regardless.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "request, eyJhbGciOiJub25lIn0.e30., request_not_supported",
        "request_uri, https://shop.example/request.jwt, request_uri_not_supported",
        "response_mode, fragment, invalid_request",
        "response_mode, form_post, invalid_request",
        "response_mode, query.jwt, invalid_request"
    })
    void anUnsupportedParameterIsRefusedNotIgnored(String name, String value, String error) {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put(name, value);

        Map<String, String> answer = redirectedTo(authorize(browser(), request), SHOP_REDIRECT);

        assertThat(answer.get("error")).isEqualTo(error);
        assertThat(answer).doesNotContainKey("code");
    }

    @Test
    void responseModeQueryIsTheOneSupported() {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put("response_mode", "query");

        assertThat(redirectedTo(authorize(browser(), request), SHOP_REDIRECT)).containsKey("code");
    }

    @Test
    void aResponseTypeOtherThanCodeIsRefused() {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put("response_type", "token");

        assertThat(redirectedTo(authorize(browser(), request), SHOP_REDIRECT).get("error"))
                .isEqualTo("unsupported_response_type");
    }

    /**
     * Whoever holds a code without its verifier (PKCE's whole point) can neither redeem it nor burn it: an
     * outside attack found that a wrong verifier used the code up, so that its own client's redemption
     * then counted as a replay and ended the user's session.
     */
    @Test
    void aWrongVerifierIsRefusedAndLeavesTheCodeToItsOwnClient() {
        ApiClient browser = browser();
        String code = shopCode(browser);

        assertOAuthError(redeemAsShop(code, "x".repeat(43)), "invalid_grant");
        assertOAuthError(redeemAsShop(code, "y".repeat(43)), "invalid_grant");

        assertRedeemedByItsOwnClientAndStillSignedIn(code, browser);
    }

    @Test
    void aUsedCodePresentedWithAWrongVerifierLeavesTheSessionAlive() {
        ApiClient browser = browser();
        String code = shopCode(browser);
        String access = redeemAsShop(code, VERIFIER).json().get("access_token").asText();

        assertOAuthError(redeemAsShop(code, "x".repeat(43)), "invalid_grant");

        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(200);
        assertStillSignedIn(browser);
    }

    @Test
    void aMissingVerifierIsRefused() {
        ApiClient.Response response = client().form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                shopCode(browser()),
                                "redirect_uri",
                                SHOP_REDIRECT),
                        "Authorization",
                        basic("shop", shopSecret));

        assertOAuthError(response, "invalid_grant");
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesTheTokensIssuedFromIt() {
        ApiClient browser = browser();
        String code = shopCode(browser);
        JsonNode first = redeemAsShop(code, VERIFIER).json();
        String access = first.get("access_token").asText();
        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(200);

        assertOAuthError(redeemAsShop(code, VERIFIER), "invalid_grant");

        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(401);
        assertOAuthError(
                refreshAs("shop", shopSecret, first.get("refresh_token").asText()), "invalid_grant");
        assertThat(browser.get("/v1/sessions/current").status()).isEqualTo(401);
    }

    /**
     * The same code presented four times at once: one presentation may win, the rest are replays that end
     * the session, so the winner's refresh family can lose its session mid-insert. That is a refused code
     * (400), never a store outage (503 with a SEVERE log line, as an outside attack found).
     */
    @Test
    void aCodePresentedFourTimesAtOnceGetsAtMostOneAnswerOfTokensAndNoServerError() throws Exception {
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int round = 0; round < 10; round++) {
                String code = shopCode(browser());
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    statuses.add(threads.submit(() -> {
                        start.await();
                        return redeemAsShop(code, VERIFIER).status();
                    }));
                }
                start.countDown();
                List<Integer> answered = new java.util.ArrayList<>();
                for (var status : statuses) {
                    answered.add(status.get());
                }
                assertThat(answered).as("round %d", round).allMatch(s -> s == 200 || s == 400);
                assertThat(answered.stream().filter(s -> s == 200).count())
                        .as("round %d", round)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aCodeForAnotherClientIsRefused() {
        String code = shopCode(browser());

        ApiClient.Response response = redeem("partner", partnerSecret, code, SHOP_REDIRECT, VERIFIER);

        assertOAuthError(response, "invalid_grant");
    }

    @Test
    void aUsedCodePresentedByAnotherClientLeavesTheSessionAlive() {
        ApiClient browser = browser();
        String code = shopCode(browser);
        JsonNode first = redeemAsShop(code, VERIFIER).json();
        String access = first.get("access_token").asText();

        assertOAuthError(redeemAsPublic("native-app", code, SHOP_REDIRECT), "invalid_grant");
        assertOAuthError(redeem("partner", partnerSecret, code, SHOP_REDIRECT, VERIFIER), "invalid_grant");

        assertThat(client().getWithBearer("/oauth2/userinfo", access).status()).isEqualTo(200);
        assertThat(refreshAs("shop", shopSecret, first.get("refresh_token").asText())
                        .status())
                .isEqualTo(200);
        assertStillSignedIn(browser);
    }

    @Test
    void aFreshCodePresentedByAnotherClientIsRefusedAndStaysRedeemableByItsOwnClient() {
        ApiClient browser = browser();
        String code = shopCode(browser);

        assertOAuthError(redeemAsPublic("native-app", code, SHOP_REDIRECT), "invalid_grant");
        assertOAuthError(redeem("partner", partnerSecret, code, SHOP_REDIRECT, VERIFIER), "invalid_grant");

        assertRedeemedByItsOwnClientAndStillSignedIn(code, browser);
    }

    /** The code's own client, with the right verifier, still gets tokens, and the browser is still signed in. */
    private static void assertRedeemedByItsOwnClientAndStillSignedIn(String code, ApiClient browser) {
        ApiClient.Response own = redeemAsShop(code, VERIFIER);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("access_token").asText()).isNotEmpty();
        assertStillSignedIn(browser);
    }

    private static void assertStillSignedIn(ApiClient browser) {
        assertThat(browser.get("/v1/sessions/current").status())
                .as("still signed in")
                .isEqualTo(200);
    }

    /** {@code grant_type=authorization_code} as a public client: {@code client_id} and no secret. */
    private static ApiClient.Response redeemAsPublic(String client, String code, String redirect) {
        return client().form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type", "authorization_code",
                                "client_id", client,
                                "code", code,
                                "redirect_uri", redirect,
                                "code_verifier", VERIFIER));
    }

    @Test
    void aCodeWithAnotherRedirectUriIsRefusedAndStaysRedeemableWithItsOwn() {
        ApiClient browser = browser();
        String code = shopCode(browser);

        assertOAuthError(redeem("shop", shopSecret, code, SHOP_REDIRECT + "/", VERIFIER), "invalid_grant");

        assertRedeemedByItsOwnClientAndStillSignedIn(code, browser);
    }

    /** A client retrying an expired code must not sign its user out (a re-attack found the retry did). */
    @Test
    void anExpiredCodeIsRefusedAsOftenAsItIsPresentedAndLeavesTheSessionAlive() {
        ApiClient browser = browser();
        String code = shopCode(browser);

        clock.advance(java.time.Duration.ofSeconds(61));

        assertOAuthError(redeemAsShop(code, VERIFIER), "invalid_grant");
        assertOAuthError(redeemAsShop(code, VERIFIER), "invalid_grant");
        assertStillSignedIn(browser);
    }

    @Test
    void aWebClientWithoutItsSecretIsRefused() {
        ApiClient.Response response = client().form(
                        "/oauth2/token",
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "client_id",
                                "shop",
                                "code",
                                shopCode(browser()),
                                "redirect_uri",
                                SHOP_REDIRECT,
                                "code_verifier",
                                VERIFIER));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void promptNoneWithoutASessionAnswersLoginRequired() {
        Map<String, String> request = request("shop", SHOP_REDIRECT);
        request.put("prompt", "none");

        Map<String, String> answer = redirectedTo(authorize(client(), request), SHOP_REDIRECT);

        assertThat(answer.get("error")).isEqualTo("login_required");
        assertThat(answer.get("state")).isEqualTo(request.get("state"));
        assertThat(answer.get("iss")).isEqualTo(ISSUER);
    }

    @Test
    void promptNoneWithoutConsentAnswersConsentRequired() {
        Map<String, String> request = request("partner", PARTNER_REDIRECT);
        request.put("prompt", "none");

        assertThat(redirectedTo(authorize(browser(), request), PARTNER_REDIRECT).get("error"))
                .isEqualTo("consent_required");
    }

    @Test
    void consentDeniedAnswersAccessDenied() {
        ApiClient browser = browser();
        Map<String, String> form = request("partner", PARTNER_REDIRECT);
        assertThat(authorize(browser, form).status()).isEqualTo(200);
        form.put("csrf_token", browser.csrfToken().orElseThrow());
        form.put("consent", "deny");

        Map<String, String> answer = redirectedTo(browser.form("/oauth2/authorize", form), PARTNER_REDIRECT);

        assertThat(answer.get("error")).isEqualTo("access_denied");
        assertThat(answer).doesNotContainKey("code");
        assertThat(authorize(browser, request("partner", PARTNER_REDIRECT)).status())
                .as("nothing remembered")
                .isEqualTo(200);
    }

    @Test
    void aConsentWithoutTheFormsCsrfTokenIsRefused() {
        ApiClient browser = browser();
        Map<String, String> form = request("partner", PARTNER_REDIRECT);
        form.put("consent", "allow");

        ApiClient.Response response = browser.send(
                "POST",
                "/oauth2/authorize",
                query(form),
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-CSRF-Token",
                "forged");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Location")).isEmpty();
    }

    @Test
    void theAuthorizationEndpointMayNotBeFramed() {
        ApiClient browser = browser();
        for (ApiClient.Response response : new ApiClient.Response[] {
            authorize(browser, request("partner", PARTNER_REDIRECT)),
            authorize(browser, request("nobody", SHOP_REDIRECT)),
            authorize(browser, request("shop", SHOP_REDIRECT))
        }) {
            assertThat(response.header("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
            assertThat(response.header("X-Frame-Options")).contains("DENY");
        }
    }

    @Test
    void anAccessTokenWithoutOpenidGetsNoUserInfo() {
        String access = tokenLogin().get("access_token").asText();

        ApiClient.Response response = client().getWithBearer("/oauth2/userinfo", access);

        assertThat(response.status()).isEqualTo(403);
        assertThat(client().getWithBearer("/oauth2/userinfo", "not-a-token").status())
                .isEqualTo(401);
    }

    @Test
    void anUnregisteredPostLogoutRedirectUriIsNoOpenRedirect() {
        ApiClient browser = browser();
        String idToken =
                redeemAsShop(shopCode(browser), VERIFIER).json().get("id_token").asText();
        for (String logout : new String[] {
            "id_token_hint=" + idToken + "&post_logout_redirect_uri=https%3A%2F%2Fattacker.example%2F",
            "client_id=shop&post_logout_redirect_uri=https%3A%2F%2Fshop.example%2F%3Fnext%3Dattacker",
            "client_id=shop&post_logout_redirect_uri=https%3A%2F%2Fshop.example",
            "post_logout_redirect_uri=https%3A%2F%2Fshop.example%2F",
            "client_id=partner&id_token_hint=" + idToken + "&post_logout_redirect_uri=https%3A%2F%2Fshop.example%2F"
        }) {
            ApiClient.Response response = browser.get("/oauth2/logout?" + logout);

            assertThat(response.status()).as(logout).isEqualTo(400);
            assertThat(response.header("Location")).as(logout).isEmpty();
        }
        assertStillSignedIn(browser);
    }
}
