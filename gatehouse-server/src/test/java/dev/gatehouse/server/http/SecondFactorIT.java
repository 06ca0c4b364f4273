package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.audit.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing in with a second factor over the JSON API, and what the pending login cannot do. */
class SecondFactorIT extends TokenTestBase {

    /** A new account with a confirmed authenticator app; returns its email and key. */
    private static String[] enrolledAccount() {
        String email = newAccount();
        Account account = server.gatehouse().accounts().findByEmail(email).orElseThrow();
        var factors = server.gatehouse().factors();
        String key = factors.beginTotp(account).orElseThrow().secret();
        factors.confirmTotp(account.id(), TotpCalculator.at(key, clock.instant()), Actor.SYSTEM);
        // Sign-ins below use later steps than the enrolment's code.
        clock.advance(Duration.ofSeconds(30));
        return new String[] {email, key};
    }

    private static String code(String key) {
        return TotpCalculator.at(key, clock.instant());
    }

    private static JsonNode payload(String jwt) throws Exception {
        return new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    @Test
    void aCookieLoginAsksForTheSecondFactorAndCompletesWithIt() {
        String[] ada = enrolledAccount();
        ApiClient browser = client();

        ApiClient.Response first = browser.login(ada[0], PASSWORD);

        assertProblem(first, 401, "mfa-required");
        assertThat(first.json().get("mfa_token").asText()).startsWith("mfa_");
        assertThat(first.json().get("methods")).extracting(JsonNode::asText).containsExactly("totp", "recovery_code");
        assertThat(first.json().get("expires_in").asInt()).isEqualTo(300);
        assertThat(first.header("Set-Cookie")).isEmpty();
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);

        ApiClient.Response second = browser.post(
                "/v1/sessions/mfa",
                Map.of("mfa_token", first.json().get("mfa_token").asText(), "code", code(ada[1])));

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("csrf_token").asText()).isNotBlank();
        assertThat(browser.get("/v1/me").status()).isEqualTo(200);
    }

    @Test
    void thePendingLoginIsNeitherACookieNorABearerTokenAndIsUsedOnce() {
        String[] ada = enrolledAccount();
        String token = client().login(ada[0], PASSWORD).json().get("mfa_token").asText();

        ApiClient asCookie = client();
        asCookie.useCookie(token);
        assertProblem(asCookie.get("/v1/me"), 401, "authentication-required");
        assertThat(client().getWithBearer("/v1/me", token).status()).isEqualTo(401);

        ApiClient browser = client();
        assertThat(browser.post("/v1/sessions/mfa", Map.of("mfa_token", token, "code", code(ada[1])))
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));
        assertProblem(
                client().post("/v1/sessions/mfa", Map.of("mfa_token", token, "code", code(ada[1]))),
                401,
                "invalid-credentials");
    }

    @Test
    void aWrongCodeIsRefusedAndAnExpiredPendingLoginToo() {
        String[] ada = enrolledAccount();
        String token = client().login(ada[0], PASSWORD).json().get("mfa_token").asText();
        String right = code(ada[1]);
        String wrong = right.equals("000000") ? "111111" : "000000";

        assertProblem(
                client().post("/v1/sessions/mfa", Map.of("mfa_token", token, "code", wrong)),
                401,
                "invalid-credentials");
        assertProblem(client().post("/v1/sessions/mfa", Map.of("mfa_token", token)), 400, "invalid-request");
        clock.advance(Duration.ofMinutes(5));
        assertProblem(
                client().post("/v1/sessions/mfa", Map.of("mfa_token", token, "code", code(ada[1]))),
                401,
                "invalid-credentials");
    }

    @Test
    void anAppLoginCompletesWithTheSameClientAndItsTokensSayHowAndWhen() throws Exception {
        String[] ada = enrolledAccount();
        ApiClient.Response first =
                client().post("/v1/tokens", Map.of("email", ada[0], "password", PASSWORD, "client_id", APP));
        assertProblem(first, 401, "mfa-required");
        String token = first.json().get("mfa_token").asText();
        long completedAt = clock.instant().getEpochSecond();

        assertProblem(
                client().post("/v1/tokens/mfa", Map.of("mfa_token", token, "client_id", "web", "code", code(ada[1]))),
                401,
                "invalid-credentials");
        ApiClient.Response second =
                client().post("/v1/tokens/mfa", Map.of("mfa_token", token, "client_id", APP, "code", code(ada[1])));

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode claims = payload(second.json().get("access_token").asText());
        assertThat(claims.get("amr")).extracting(JsonNode::asText).containsExactly("pwd", "otp", "mfa");
        assertThat(claims.get("auth_time").asLong()).isEqualTo(completedAt);
        assertThat(me(second.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void aPasswordOnlyTokenSaysPwd() throws Exception {
        long now = clock.instant().getEpochSecond();
        JsonNode claims = payload(tokenLogin().get("access_token").asText());

        assertThat(claims.get("amr")).extracting(JsonNode::asText).containsExactly("pwd");
        assertThat(claims.get("auth_time").asLong()).isEqualTo(now);
    }

    @Test
    void aPasswordChangeAsksForTheCodeWhenTheSessionHasNotShownItLately() {
        String[] ada = enrolledAccount();
        ApiClient browser = client();
        String token = browser.login(ada[0], PASSWORD).json().get("mfa_token").asText();
        assertThat(browser.completeLogin(token, code(ada[1])).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(11));
        String next = "seven silver swans swimming";

        assertProblem(
                browser.post("/v1/password", Map.of("current_password", PASSWORD, "new_password", next)),
                403,
                "step-up-required");
        ApiClient.Response changed = browser.post(
                "/v1/password", Map.of("current_password", PASSWORD, "new_password", next, "code", code(ada[1])));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }

    @Test
    void removingTheAppAsksAnOldSignInForThePasswordAndTheCode() {
        String[] ada = enrolledAccount();
        ApiClient browser = client();
        String token = browser.login(ada[0], PASSWORD).json().get("mfa_token").asText();
        assertThat(browser.completeLogin(token, code(ada[1])).status()).isEqualTo(200);
        String csrf = browser.csrfToken().orElseThrow();
        var account = server.gatehouse().accounts().findByEmail(ada[0]).orElseThrow();
        clock.advance(Duration.ofMinutes(11));

        var asked = browser.form("/account/factors/totp/remove", Map.of("csrf_token", csrf));
        assertThat(asked.status()).isEqualTo(403);
        assertThat(asked.body()).contains("name=\"reauth_password\"");
        assertThat(server.gatehouse().factors().factors(account.id()).any()).isTrue();

        var removed = browser.form(
                "/account/factors/totp/remove",
                Map.of("csrf_token", csrf, "reauth_password", PASSWORD, "reauth_code", code(ada[1])));

        assertThat(removed.status()).as(removed.body()).isEqualTo(303);
        assertThat(server.gatehouse().factors().factors(account.id()).any()).isFalse();
    }
}
