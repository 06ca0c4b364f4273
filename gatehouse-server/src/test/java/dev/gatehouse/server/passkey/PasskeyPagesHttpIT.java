package dev.gatehouse.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.core.passkey.AssertionResponse;
import dev.gatehouse.core.passkey.RegistrationResponse;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The passkey forms' endpoints over plain HTTP, no browser: the refusals a page's script never meets,
 * with {@link SoftwareAuthenticator} signing as a browser's authenticator would for the issuer's origin.
 */
class PasskeyPagesHttpIT {
    private static final String PASSWORD = "purple elephants dance quietly";
    private static final String ORIGIN = RunningGatehouse.ISSUER;
    private static final String RP_ID = URI.create(ORIGIN).getHost();
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\":\"([A-Za-z0-9_-]+)\"");

    @TempDir
    static Path dataDirectory;

    static RunningGatehouse server;

    @BeforeAll
    static void startServer() {
        server = RunningGatehouse.start(dataDirectory, Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** One browser: a cookie jar, the issuer's Origin on every post. */
    private static final class Browser {
        private final ApiClient http = new ApiClient(server.baseUri(), ORIGIN);
        private final Map<String, String> cookies = new LinkedHashMap<>();

        ApiClient.Response get(String path) {
            return remember(http.send("GET", path, null, cookieHeader()));
        }

        ApiClient.Response post(String path, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(e -> e.getKey() + "="
                            + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            String[] headers = cookieHeader();
            String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "Content-Type";
            all[headers.length + 1] = "application/x-www-form-urlencoded";
            return remember(http.send("POST", path, body, all));
        }

        private String[] cookieHeader() {
            if (cookies.isEmpty()) {
                return new String[0];
            }
            return new String[] {
                "Cookie",
                cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; "))
            };
        }

        private ApiClient.Response remember(ApiClient.Response response) {
            for (String setCookie : response.headers().getOrDefault("set-cookie", java.util.List.of())) {
                String pair = setCookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }

        Optional<String> cookie(String name) {
            return Optional.ofNullable(cookies.get(name));
        }

        /** The CSRF token of the forms on {@code path}. */
        String formToken(String path) {
            Matcher matcher = FORM_TOKEN.matcher(get(path).body());
            assertThat(matcher.find()).as("a form on " + path).isTrue();
            return matcher.group(1);
        }

        void signInWithPassword(String email) {
            var response =
                    post("/login", Map.of("csrf_token", formToken("/login"), "email", email, "password", PASSWORD));
            assertThat(response.status()).isEqualTo(303);
        }
    }

    private static String newAccount() {
        String email = "passkey-" + UUID.randomUUID() + "@example.com";
        assertThat(new ApiClient(server.baseUri(), ORIGIN)
                        .signUp(email, PASSWORD)
                        .status())
                .isEqualTo(202);
        return email;
    }

    private static SoftwareAuthenticator authenticator() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return new SoftwareAuthenticator(id, false);
    }

    private static String challengeOf(ApiClient.Response options) {
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        Matcher matcher = CHALLENGE.matcher(options.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** A new account with {@code key} registered on its passkeys page; signed out again. */
    private static String accountWith(SoftwareAuthenticator key) {
        String email = newAccount();
        Browser browser = new Browser();
        browser.signInWithPassword(email);
        String token = browser.formToken("/account/passkeys");
        String challenge = challengeOf(browser.post("/account/passkeys/options", Map.of("csrf_token", token)));
        RegistrationResponse created = key.register(challenge, ORIGIN, RP_ID, true);
        var added = browser.post(
                "/account/passkeys",
                Map.of(
                        "csrf_token",
                        token,
                        "name",
                        "Laptop",
                        "client_data_json",
                        created.clientDataJson(),
                        "attestation_object",
                        created.attestationObject()));
        assertThat(added.header("Location")).contains("/account/passkeys?notice=passkey-added");
        return email;
    }

    private static Map<String, String> fields(String csrfToken, AssertionResponse answer) {
        Map<String, String> fields = new HashMap<>(Map.of(
                "csrf_token",
                csrfToken,
                "passkey_id",
                answer.credentialId().value(),
                "client_data_json",
                answer.clientDataJson(),
                "authenticator_data",
                answer.authenticatorData(),
                "signature",
                answer.signature()));
        answer.userHandle().ifPresent(handle -> fields.put("user_handle", handle));
        return fields;
    }

    /** The user handle the server gave the passkey: the account id, which the login page's owner learns. */
    private static Optional<String> handleOf(String email) {
        return Optional.of(server.gatehouse()
                .accounts()
                .findByEmail(email)
                .orElseThrow()
                .id()
                .value());
    }

    @Test
    void theOptionsRequestsRefuseAFormWithoutItsTokenOrFromAnotherOrigin() {
        Browser anonymous = new Browser();
        anonymous.formToken("/login");
        assertThat(anonymous.post("/login/passkey/options", Map.of()).status()).isEqualTo(403);
        assertThat(anonymous
                        .post("/login/passkey/options", Map.of("csrf_token", "x".repeat(43)))
                        .status())
                .isEqualTo(403);
        assertThat(anonymous.cookie("__Host-gatehouse-passkey")).isEmpty();

        Browser signedIn = new Browser();
        signedIn.signInWithPassword(newAccount());
        String token = signedIn.formToken("/account/passkeys");
        assertThat(signedIn.post("/account/passkeys/options", Map.of()).status())
                .isEqualTo(403);
        var otherSite = signedIn.http.send(
                "POST",
                "/account/passkeys/options",
                "csrf_token=" + token,
                "Origin",
                "https://evil.example",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Cookie",
                "__Host-gatehouse=" + signedIn.cookie("__Host-gatehouse").orElseThrow());
        assertThat(otherSite.status()).isEqualTo(403);
        assertThat(signedIn.cookie("__Host-gatehouse-passkey")).isEmpty();
    }

    @Test
    void aPasskeySignInNeedsTheChallengeCookieAndAnswersItsChallengeOnce() {
        SoftwareAuthenticator key = authenticator();
        String email = accountWith(key);
        Browser browser = new Browser();
        String token = browser.formToken("/login");
        String challenge = challengeOf(browser.post("/login/passkey/options", Map.of("csrf_token", token)));
        AssertionResponse answer = key.sign(challenge, ORIGIN, RP_ID, true, 1, handleOf(email));

        // The same answer from a browser without the challenge's cookie: no challenge to answer.
        String binding = browser.cookies.remove("__Host-gatehouse-passkey");
        var without = browser.post("/login/passkey", fields(token, answer));
        assertThat(without.header("Location")).contains("/login?notice=passkey-refused");
        assertThat(browser.cookie("__Host-gatehouse")).isEmpty();

        browser.cookies.put("__Host-gatehouse-passkey", binding);
        var signedIn = browser.post("/login/passkey", fields(token, answer));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).contains("/account/");
        assertThat(browser.cookie("__Host-gatehouse")).isPresent();
        assertThat(browser.cookie("__Host-gatehouse-passkey")).isEmpty();

        // Replayed with the same cookie: the challenge is used up.
        Browser replay = new Browser();
        replay.formToken("/login");
        replay.cookies.put("__Host-gatehouse-form", token);
        replay.cookies.put("__Host-gatehouse-passkey", binding);
        var again = replay.post(
                "/login/passkey", fields(token, key.sign(challenge, ORIGIN, RP_ID, true, 2, handleOf(email))));
        assertThat(again.header("Location")).contains("/login?notice=passkey-refused");
        assertThat(replay.cookie("__Host-gatehouse")).isEmpty();
    }

    @Test
    void anotherAccountsPasskeyIsNoSecondFactorForThisOne() {
        SoftwareAuthenticator adas = authenticator();
        SoftwareAuthenticator bobs = authenticator();
        String ada = accountWith(adas);
        accountWith(bobs);
        Browser browser = new Browser();
        browser.signInWithPassword(ada);
        assertThat(browser.cookie("__Host-gatehouse-mfa")).isPresent();
        assertThat(browser.cookie("__Host-gatehouse")).isEmpty();
        String token = browser.formToken("/login/second-factor");

        var options = browser.post("/login/second-factor/passkey/options", Map.of("csrf_token", token));
        assertThat(options.json().get("credentials"))
                .singleElement()
                .satisfies(id -> assertThat(id.asText()).isEqualTo(adas.id().value()));
        var refused = browser.post(
                "/login/second-factor/passkey",
                fields(token, bobs.sign(challengeOf(options), ORIGIN, RP_ID, true, 1, Optional.empty())));
        assertThat(refused.header("Location")).contains("/login/second-factor?notice=passkey-refused");
        assertThat(browser.cookie("__Host-gatehouse")).isEmpty();

        options = browser.post("/login/second-factor/passkey/options", Map.of("csrf_token", token));
        var signedIn = browser.post(
                "/login/second-factor/passkey",
                fields(token, adas.sign(challengeOf(options), ORIGIN, RP_ID, false, 1, Optional.empty())));
        assertThat(signedIn.header("Location")).contains("/account/");
        assertThat(browser.cookie("__Host-gatehouse")).isPresent();
        assertThat(browser.cookie("__Host-gatehouse-mfa")).isEmpty();
    }

    @Test
    void anAssertionMadeForAnotherOriginSignsNobodyIn() {
        SoftwareAuthenticator key = authenticator();
        String email = accountWith(key);
        Browser browser = new Browser();
        String token = browser.formToken("/login");
        String challenge = challengeOf(browser.post("/login/passkey/options", Map.of("csrf_token", token)));

        var phished = browser.post(
                "/login/passkey",
                fields(
                        token,
                        key.sign(
                                challenge, "https://auth.example.test.evil.example", RP_ID, true, 1, handleOf(email))));

        assertThat(phished.header("Location")).contains("/login?notice=passkey-refused");
        assertThat(browser.cookie("__Host-gatehouse")).isEmpty();
    }

    private static ApiClient.Response signIn(Browser browser, SoftwareAuthenticator key, String email, long counter) {
        String token = browser.formToken("/login");
        String challenge = challengeOf(browser.post("/login/passkey/options", Map.of("csrf_token", token)));
        return browser.post(
                "/login/passkey", fields(token, key.sign(challenge, ORIGIN, RP_ID, true, counter, handleOf(email))));
    }

    @Test
    void aCounterGoingBackwardsSignsNobodyInAndIsAuditedAsAPossibleClone() {
        SoftwareAuthenticator key = authenticator();
        String email = accountWith(key);
        assertThat(signIn(new Browser(), key, email, 7).header("Location")).contains("/account/");

        Browser clone = new Browser();
        var refused = signIn(clone, key, email, 3);

        assertThat(refused.header("Location")).contains("/login?notice=passkey-refused");
        assertThat(clone.cookie("__Host-gatehouse")).isEmpty();
        String account = handleOf(email).orElseThrow();
        assertThat(server
                        .gatehouse()
                        .audit()
                        .find(new AuditQuery(
                                Optional.of(account),
                                Optional.of(AuditType.PASSKEY_CLONE_SUSPECTED),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                10))
                        .stream()
                        .filter(e -> e.type() == AuditType.PASSKEY_CLONE_SUSPECTED))
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("stored_counter", "7")
                        .containsEntry("presented_counter", "3"));
    }

    @Test
    void addingOrRemovingAPasskeyNeedsASessionThatShowedTheSecondFactor() {
        SoftwareAuthenticator key = authenticator();
        String email = accountWith(key);
        // The password alone, for an account that now has a passkey: a pending login, no session.
        Browser passwordOnly = new Browser();
        passwordOnly.signInWithPassword(email);
        assertThat(passwordOnly.cookie("__Host-gatehouse")).isEmpty();

        // The session that added the passkey signed in with the password alone, before it had one.
        Browser browser = new Browser();
        browser.signInWithPassword(newAccount());
        String token = browser.formToken("/account/passkeys");
        String challenge = challengeOf(browser.post("/account/passkeys/options", Map.of("csrf_token", token)));
        SoftwareAuthenticator second = authenticator();
        RegistrationResponse created = second.register(challenge, ORIGIN, RP_ID, true);
        browser.post(
                "/account/passkeys",
                Map.of(
                        "csrf_token",
                        token,
                        "name",
                        "Phone",
                        "client_data_json",
                        created.clientDataJson(),
                        "attestation_object",
                        created.attestationObject()));

        assertThat(browser.post("/account/passkeys/options", Map.of("csrf_token", token))
                        .status())
                .isEqualTo(403);
        assertThat(browser.cookie("__Host-gatehouse-passkey")).isEmpty();
        var remove = browser.post(
                "/account/passkeys/remove",
                Map.of("csrf_token", token, "passkey", second.id().value()));
        assertThat(remove.status()).isEqualTo(403);
        assertThat(browser.get("/account/passkeys").body()).contains(second.id().value());

        // A user-verified passkey confirms it; then the same removal goes ahead.
        String stepUp = challengeOf(browser.post("/account/passkeys/step-up/options", Map.of("csrf_token", token)));
        var confirmed = browser.post(
                "/account/passkeys/step-up",
                fields(token, second.sign(stepUp, ORIGIN, RP_ID, true, 1, Optional.empty())));
        assertThat(confirmed.header("Location")).contains("/account/passkeys?notice=stepped-up");
        var removed = browser.post(
                "/account/passkeys/remove",
                Map.of("csrf_token", token, "passkey", second.id().value()));
        assertThat(removed.header("Location")).contains("/account/passkeys?notice=passkey-removed");
        assertThat(browser.get("/account/passkeys").body())
                .doesNotContain(second.id().value());
    }

    @Test
    void aPasskeyIsRenamedByItsOwnerOnly() {
        SoftwareAuthenticator key = authenticator();
        String email = accountWith(key);
        Browser owner = new Browser();
        assertThat(signIn(owner, key, email, 1).header("Location")).contains("/account/");
        String token = owner.formToken("/account/passkeys");

        var renamed = owner.post(
                "/account/passkeys/rename",
                Map.of("csrf_token", token, "passkey", key.id().value(), "name", " Desk key "));
        assertThat(renamed.header("Location")).contains("/account/passkeys?notice=passkey-renamed");
        assertThat(owner.get("/account/passkeys").body()).contains("Desk key <span");
        assertThat(owner.post(
                                "/account/passkeys/rename",
                                Map.of("csrf_token", token, "passkey", key.id().value(), "name", "x".repeat(65)))
                        .status())
                .isEqualTo(400);

        Browser other = new Browser();
        other.signInWithPassword(newAccount());
        var refused = other.post(
                "/account/passkeys/rename",
                Map.of(
                        "csrf_token",
                        other.formToken("/account/passkeys"),
                        "passkey",
                        key.id().value(),
                        "name",
                        "Mine"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(owner.get("/account/passkeys").body())
                .contains("Desk key <span")
                .doesNotContain("Mine");
        assertThat(owner.post(
                                "/account/passkeys/rename",
                                Map.of("passkey", key.id().value(), "name", "No token"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theJsonApiAsksAPasskeyOnlyAccountForASecondFactorAndListsNoMethodItCannotComplete() {
        String email = accountWith(authenticator());

        var login = new ApiClient(server.baseUri(), ORIGIN)
                .post("/v1/sessions", Map.of("email", email, "password", PASSWORD));

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:mfa-required");
        assertThat(login.json().get("methods")).isEmpty();
        assertThat(login.header("Set-Cookie")).isEmpty();
    }
}
