package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.client.ClientType;
import dev.gatehouse.core.client.GrantType;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.pages.PageRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages over plain HTTP, no browser: headers, CSRF refusals, redirects. */
class PagesHttpIT extends ApiTestBase {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([A-Za-z0-9_-]+)\"");

    @Test
    void everyPageCarriesTheStrictPolicyAndIsNeverCached() {
        ApiClient signedIn = client();
        signedIn.login(newAccount(), PASSWORD);
        for (var response : new ApiClient.Response[] {
            client().get("/login"),
            client().get("/signup"),
            signedIn.get("/account/"),
            signedIn.get("/account/sessions")
        }) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(response.header("Content-Security-Policy")).contains(PageRenderer.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().get("content-security-policy")).hasSize(1);
            assertThat(response.header("Cache-Control")).contains("no-store");
            assertThat(response.header("Referrer-Policy")).contains("same-origin");
            assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.body()).doesNotContain("<style").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }
    }

    @Test
    void theAccountPagesExistAndSendAnonymousVisitorsToSignIn() {
        var anonymous = client().get("/account/sessions");
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(anonymous.header("Location")).contains("/login?return_to=%2Faccount%2Fsessions");
        assertThat(client().get("/account").header("Location")).contains("/account/");

        ApiClient signedIn = client();
        String email = newAccount();
        signedIn.login(email, PASSWORD);
        var page = signedIn.get("/account/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(email);
    }

    @Test
    void anAppsTokenLoginIsListedUnderTheAppsName() {
        server.gatehouse()
                .clients()
                .create(
                        new ClientId("field-app"),
                        ClientType.FIRST_PARTY,
                        Set.of(GrantType.LOGIN, GrantType.REFRESH_TOKEN),
                        List.of());
        String email = newAccount();
        var tokens =
                client().post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "field-app"));
        assertThat(tokens.status()).isEqualTo(200);
        ApiClient signedIn = client();
        signedIn.login(email, PASSWORD);

        String page = signedIn.get("/account/sessions").body();

        assertThat(page).containsPattern("<span class=\"badge badge-app\">App</span>\\s*field-app");
        assertThat(page).contains("This device");
        assertThat(Pattern.compile("<li class=\"item\"").matcher(page).results().count())
                .isEqualTo(2);
    }

    @Test
    void theStylesheetAndScriptAreServedAsFiles() {
        var css = client().get("/assets/gatehouse.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(css.header("Cache-Control")).contains("public, max-age=86400");
        var js = client().get("/assets/gatehouse.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(client().get("/login").body()).containsPattern("href=\"/assets/gatehouse\\.css\\?v=[0-9a-f]{12}\"");
    }

    @Test
    void aSignInFormWithoutOrWithAWrongTokenIsRefused() {
        String email = newAccount();
        ApiClient browser = client();
        var page = browser.get("/login");
        String cookie = formCookie(page);
        String token = formToken(page.body());
        assertThat(token).isEqualTo(cookie);

        var withoutToken = browser.form(
                "/login", Map.of("email", email, "password", PASSWORD), "Cookie", "__Host-gatehouse-form=" + cookie);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.header("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(withoutToken.header("Set-Cookie")).isEmpty();

        var wrongToken = browser.form(
                "/login",
                Map.of("email", email, "password", PASSWORD, "csrf_token", "A".repeat(43)),
                "Cookie",
                "__Host-gatehouse-form=" + cookie);
        assertThat(wrongToken.status()).isEqualTo(403);

        var withoutCookie = browser.form("/login", Map.of("email", email, "password", PASSWORD, "csrf_token", token));
        assertThat(withoutCookie.status()).isEqualTo(403);

        var fromAnotherSite = browser.form(
                "/login",
                Map.of("email", email, "password", PASSWORD, "csrf_token", token),
                "Cookie",
                "__Host-gatehouse-form=" + cookie,
                "Origin",
                "https://evil.example");
        assertThat(fromAnotherSite.status()).isEqualTo(403);

        var good = browser.form(
                "/login",
                Map.of("email", email, "password", PASSWORD, "csrf_token", token, "return_to", "//evil.example/"),
                "Cookie",
                "__Host-gatehouse-form=" + cookie);
        assertThat(good.status()).isEqualTo(303);
        assertThat(good.header("Location")).contains("/account/");
        assertThat(good.headers().get("set-cookie"))
                .anyMatch(c -> c.startsWith("__Host-gatehouse=")
                        && c.contains("HttpOnly")
                        && c.contains("Secure")
                        && c.contains("SameSite=Lax")
                        && c.contains("Path=/"));
    }

    @Test
    void aSignedInFormWithoutOrWithAWrongTokenChangesNothing() {
        String email = newAccount();
        ApiClient signedIn = client();
        signedIn.login(email, PASSWORD);
        Map<String, String> change = Map.of(
                "current_password", PASSWORD,
                "new_password", "seven silver swans swimming",
                "new_password_again", "seven silver swans swimming");

        var withoutToken = signedIn.form("/account/password", change);
        assertThat(withoutToken.status()).isEqualTo(403);
        var withWrong = new java.util.HashMap<>(change);
        withWrong.put("csrf_token", "A".repeat(43));
        assertThat(signedIn.form("/account/password", withWrong).status()).isEqualTo(403);
        assertThat(signedIn.form("/logout", Map.of()).status()).isEqualTo(403);
        assertThat(client().login(email, PASSWORD).status())
                .as("the password is unchanged")
                .isEqualTo(200);

        var withRight = new java.util.HashMap<>(change);
        withRight.put("csrf_token", formToken(signedIn.get("/account/password").body()));
        var changed = signedIn.form("/account/password", withRight);
        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.header("Location")).contains("/account/password?notice=password-changed");
        assertThat(client().login(email, PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void signingOutTheOtherSessionsKeepsOnlyThisOne() {
        String email = newAccount();
        ApiClient here = client();
        ApiClient elsewhere = client();
        here.login(email, PASSWORD);
        elsewhere.login(email, PASSWORD);
        String token = formToken(here.get("/account/sessions").body());

        var ended = here.form("/account/sessions/end-others", Map.of("csrf_token", token));

        assertThat(ended.status()).isEqualTo(303);
        assertThat(ended.header("Location")).contains("/account/sessions?notice=others-ended");
        assertThat(elsewhere.get("/v1/me").status()).isEqualTo(401);
        assertThat(here.get("/v1/me").status()).isEqualTo(200);
        assertThat(here.get(ended.header("Location").orElseThrow()).body())
                .contains("Every other session is signed out.")
                .contains("No other sessions");
    }

    @Test
    void withRegistrationClosedThereIsNoSignUpPageNorLinkToIt(@TempDir Path closedData) {
        try (RunningGatehouse closed = RunningGatehouse.start(closedData, Map.of("GATEHOUSE_REGISTRATION", "closed"))) {
            ApiClient browser = new ApiClient(closed.baseUri(), RunningGatehouse.ISSUER);
            var signUp = browser.get("/signup");
            assertThat(signUp.status()).isEqualTo(403);
            assertThat(signUp.header("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(signUp.body()).contains("does not accept sign-ups").doesNotContain("id=\"signup-form\"");
            assertThat(browser.get("/login").body()).doesNotContain("href=\"/signup\"");
            assertThat(client().get("/login").body())
                    .as("an open server links to it")
                    .contains("href=\"/signup\"");
        }
    }

    @Test
    void aNoticeShowsOnlyItsFixedText() {
        assertThat(client().get("/login?notice=signed-out").body()).contains("You are signed out.");
        assertThat(client().get("/login?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
                        .body())
                .doesNotContain("alert(1)")
                .doesNotContain("class=\"flash");
        assertThat(client().get("/login?return_to=%22%3E%3Cscript%3E").body()).doesNotContain("<script>");
    }

    @Test
    void theSignInPageKeepsTheLockOutAndSaysHowLongToWait(@TempDir Path limitedData) {
        try (RunningGatehouse limited = RunningGatehouse.start(
                limitedData, Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_LOCKOUT_THRESHOLD", "3"))) {
            ApiClient browser = new ApiClient(limited.baseUri(), RunningGatehouse.ISSUER);
            String email = "locked-" + java.util.UUID.randomUUID() + "@example.com";
            assertThat(browser.signUp(email, PASSWORD).status()).isEqualTo(202);
            var page = browser.get("/login");
            String cookie = formCookie(page);
            Map<String, String> guess =
                    Map.of("email", email, "password", "wrong guess", "csrf_token", formToken(page.body()));
            for (int i = 0; i < 3; i++) {
                var refused = browser.form("/login", guess, "Cookie", "__Host-gatehouse-form=" + cookie);
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.body()).contains("That e-mail address and password do not match an account.");
            }

            var locked = browser.form(
                    "/login",
                    Map.of("email", email, "password", PASSWORD, "csrf_token", formToken(page.body())),
                    "Cookie",
                    "__Host-gatehouse-form=" + cookie);
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After"))
                    .hasValueSatisfying(
                            value -> assertThat(Long.parseLong(value)).isPositive());
            assertThat(locked.header("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(locked.body())
                    .containsPattern("Too many attempts\\. Wait \\d+ (seconds|minutes), then try again\\.");
            assertThat(locked.headers().getOrDefault("set-cookie", List.of()))
                    .noneMatch(c -> c.startsWith("__Host-gatehouse="));
        }
    }

    private static String formCookie(ApiClient.Response response) {
        return response.headers().getOrDefault("set-cookie", List.of()).stream()
                .filter(c -> c.startsWith("__Host-gatehouse-form="))
                .map(c -> c.substring("__Host-gatehouse-form=".length(), c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no form cookie in " + response.headers()));
    }

    private static String formToken(String body) {
        Matcher matcher = FORM_TOKEN.matcher(body);
        assertThat(matcher.find()).as("a CSRF field in the form").isTrue();
        return matcher.group(1);
    }
}
