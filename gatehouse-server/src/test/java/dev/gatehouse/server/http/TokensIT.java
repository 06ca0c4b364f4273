package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Token login, rotating refresh, client credentials, the cookie-to-JWT exchange, and bearer /v1/me. */
class TokensIT extends TokenTestBase {

    @Test
    void publishesMetadataAndAPublicOnlyJwksThatMayBeCached() {
        JsonNode metadata =
                client().get("/.well-known/oauth-authorization-server").json();
        assertThat(metadata.get("issuer").asText()).isEqualTo(ISSUER);
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(metadata.get("introspection_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/introspect");
        assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo(ISSUER + "/oauth2/revoke");

        ApiClient.Response jwks = client().get("/.well-known/jwks.json");
        assertThat(jwks.header("Cache-Control")).contains("public, max-age=300");
        // An active and a next key for access tokens (ES256) and for ID tokens (RS256).
        assertThat(jwks.json().get("keys")).hasSize(4);
        List<String> algorithms = new ArrayList<>();
        for (JsonNode key : jwks.json().get("keys")) {
            algorithms.add(key.get("kty").asText() + " " + key.get("alg").asText());
            assertThat(key.get("use").asText()).isEqualTo("sig");
            assertThat(key.has("d")).isFalse();
        }
        assertThat(algorithms).containsExactlyInAnyOrder("EC ES256", "EC ES256", "RSA RS256", "RSA RS256");
    }

    @Test
    void aTokenLoginIsASessionLikeACookieLogin() {
        String email = newAccount();
        JsonNode tokens = tokenLogin(email);

        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(300);
        assertThat(tokens.get("refresh_token").asText()).hasSize(43);
        assertThat(me(tokens.get("access_token").asText()).json().get("email").asText())
                .isEqualTo(email);

        ApiClient browser = client();
        browser.login(email, PASSWORD);
        assertThat(browser.get("/v1/sessions").json().get("sessions")).hasSize(2);
    }

    @Test
    void aTokenLoginRefusesBadCredentialsAlikeAndOtherClients() {
        String email = newAccount();
        ApiClient.Response wrong =
                client().post("/v1/tokens", Map.of("email", email, "password", "wrong password!", "client_id", APP));
        ApiClient.Response unknown =
                client().post("/v1/tokens", Map.of("email", uniqueEmail(), "password", PASSWORD, "client_id", APP));

        assertProblem(wrong, 401, "invalid-credentials");
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertProblem(
                client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "billing")),
                401,
                "invalid-client");
        assertProblem(
                client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "nope")),
                401,
                "invalid-client");
    }

    @Test
    void refreshRotatesAndTheJustRotatedTokenGetsTheSameSuccessorWithinTheGrace() {
        String first = tokenLogin().get("refresh_token").asText();

        JsonNode rotated = refresh(first).json();
        String second = rotated.get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(me(rotated.get("access_token").asText()).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(10));
        assertThat(refresh(first).json().get("refresh_token").asText()).isEqualTo(second);
        assertThat(refresh(second).status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeLogin() {
        JsonNode login = tokenLogin();
        String first = login.get("refresh_token").asText();
        JsonNode rotated = refresh(first).json();
        clock.advance(Duration.ofSeconds(31));

        ApiClient.Response reuse = refresh(first);

        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh(rotated.get("refresh_token").asText()).status()).isEqualTo(400);
        assertThat(me(rotated.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(me(login.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void tenConcurrentRefreshesOfOneTokenGetOneSuccessorAndNoLogout() throws Exception {
        JsonNode login = tokenLogin();
        String token = login.get("refresh_token").asText();
        CyclicBarrier barrier = new CyclicBarrier(10);
        Set<String> successors = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<ApiClient.Response>> responses = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                responses.add(pool.submit(() -> {
                    barrier.await();
                    return refresh(token);
                }));
            }
            for (Future<ApiClient.Response> response : responses) {
                assertThat(response.get().status()).as(response.get().body()).isEqualTo(200);
                successors.add(response.get().json().get("refresh_token").asText());
            }
        }
        assertThat(successors).hasSize(1);
        assertThat(me(login.get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void anAppThatRefreshesRegularlyStaysLoggedInPastTheIdleTimeout() {
        String token = tokenLogin().get("refresh_token").asText();

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofDays(10));
            ApiClient.Response response = refresh(token);
            assertThat(response.status())
                    .as("refresh after %d days", 10 * (i + 1))
                    .isEqualTo(200);
            token = response.json().get("refresh_token").asText();
        }
        clock.advance(Duration.ofDays(14));
        assertThat(refresh(token).status()).isEqualTo(400);
    }

    @Test
    void refreshNeedsTheClientTheTokenWasIssuedTo() {
        String first = tokenLogin().get("refresh_token").asText();

        ApiClient.Response other = client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "refresh_token", "client_id", "web", "refresh_token", first));

        assertThat(other.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh(first).status()).isEqualTo(200);
    }

    @Test
    void aRefreshAskingForAScopeNeverGrantedIsInvalidScopeAndTheTokenStillWorks() {
        String first = tokenLogin().get("refresh_token").asText();

        Map<String, String> form =
                new HashMap<>(Map.of("grant_type", "refresh_token", "client_id", APP, "refresh_token", first));
        form.put("scope", "admin");
        ApiClient.Response wider = client().form("/oauth2/token", form);

        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.json().get("error").asText()).isEqualTo("invalid_scope");
        assertThat(refresh(first).status()).as("not rotated by the refusal").isEqualTo(200);
    }

    @Test
    void clientCredentialsGiveAServiceATokenWithoutASession() {
        ApiClient.Response response = client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "client_credentials"),
                        "Authorization",
                        basic("billing", billingSecret));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().has("refresh_token")).isFalse();
        String token = response.json().get("access_token").asText();
        JsonNode introspection = introspect(token).json();
        assertThat(introspection.get("active").asBoolean()).isTrue();
        assertThat(introspection.get("sub").asText()).isEqualTo("billing");
        assertThat(introspection.has("sid")).isFalse();
        assertThat(me(token).status()).isEqualTo(401);

        ApiClient.Response wrongSecret = client().form(
                        "/oauth2/token",
                        Map.of("grant_type", "client_credentials"),
                        "Authorization",
                        basic("billing", billingSecret + "x"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
        ApiClient.Response publicClient =
                client().form("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", APP));
        assertThat(publicClient.json().get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void aBrowserExchangesItsCookieSessionForAShortTokenBoundToIt() {
        ApiClient browser = loggedIn();
        Map<String, String> exchange = Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "client_id", APP,
                "subject_token_type", "urn:gatehouse:params:oauth:token-type:session",
                "audience", "orders-api");

        ApiClient.Response response = browser.form("/oauth2/token", exchange);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("issued_token_type").asText())
                .isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        String token = response.json().get("access_token").asText();
        assertThat(me(token).status()).isEqualTo(200);

        ApiClient.Response withoutCsrf = browser.form("/oauth2/token", exchange, "X-CSRF-Token", "wrong");
        assertThat(withoutCsrf.json().get("error").asText()).isEqualTo("invalid_grant");
        ApiClient.Response withoutCookie = client().form("/oauth2/token", exchange);
        assertThat(withoutCookie.json().get("error").asText()).isEqualTo("invalid_grant");

        browser.delete("/v1/sessions/current");
        assertThat(me(token).status()).isEqualTo(401);
    }

    @Test
    void refusesThePasswordAndImplicitGrantsAndUnknownOnes() {
        // authorization_code is supported since issue 15: OidcRefusalsIT refuses its misuses.
        for (String grant : List.of("password", "implicit", "login", "nonsense")) {
            ApiClient.Response response = client().form("/oauth2/token", Map.of("grant_type", grant, "client_id", APP));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void oauthErrorsAreRfc6749Json() {
        ApiClient.Response missing = client().form("/oauth2/token", Map.of());
        assertThat(missing.json().get("error").asText()).isEqualTo("invalid_request");
        ApiClient.Response duplicated = client().send(
                        "POST",
                        "/oauth2/token",
                        "grant_type=refresh_token&grant_type=refresh_token",
                        "Content-Type",
                        "application/x-www-form-urlencoded");
        assertThat(duplicated.json().get("error").asText()).isEqualTo("invalid_request");
        ApiClient.Response json = client().send("POST", "/oauth2/token", "{}");
        assertThat(json.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(missing.header("Cache-Control")).contains("no-store");
        assertThat(missing.header("Pragma")).contains("no-cache");
    }
}
