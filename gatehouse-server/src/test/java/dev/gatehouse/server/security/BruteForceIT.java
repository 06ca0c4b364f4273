package dev.gatehouse.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.RateLimitWindow;
import dev.gatehouse.server.app.RunningGatehouse;
import dev.gatehouse.server.http.ApiClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attack class: password guessing, against one account and from many (claimed) addresses. */
class BruteForceIT {
    static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    Path dataDirectory;

    @Test
    void guessingOneAccountsPasswordLocksItAndTheRightPasswordDuringTheLockLooksLikeAWrongOne() {
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory,
                Map.of(
                        "GATEHOUSE_RATE_LIMITS", "on",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "1000/1m",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ACCOUNT", "1000/1m",
                        "GATEHOUSE_LOCKOUT_THRESHOLD", "3"))) {
            ApiClient client = client(server);
            String email = signUp(client);
            for (int i = 0; i < 3; i++) {
                assertThat(client.login(email, "wrong guess number " + i).status())
                        .isEqualTo(401);
            }

            ApiClient.Response guess = client.login(email, "wrong guess number 4");
            ApiClient.Response right = client.login(email, PASSWORD);

            assertRateLimited(guess);
            assertRateLimited(right);
            assertThat(right.body()).isEqualTo(guess.body());
            assertThat(right.header("Set-Cookie")).isEmpty();
            // Token logins share the lock: another door to the same account.
            assertRateLimited(
                    client.post("/v1/tokens", Map.of("email", email, "password", PASSWORD, "client_id", "any")));
        }
    }

    @Test
    void guessingAnUnknownAccountIsLockedTheSameWaySoTheLockRevealsNoAccount() {
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_LOCKOUT_THRESHOLD", "3"))) {
            ApiClient client = client(server);
            String known = signUp(client);
            String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
            for (int i = 0; i < 3; i++) {
                client.login(known, "wrong guess " + i);
                client.login(unknown, "wrong guess " + i);
            }

            ApiClient.Response lockedKnown = client.login(known, "wrong guess");
            ApiClient.Response lockedUnknown = client.login(unknown, "wrong guess");

            assertRateLimited(lockedKnown);
            assertRateLimited(lockedUnknown);
            assertThat(lockedUnknown.body()).isEqualTo(lockedKnown.body());
        }
    }

    @Test
    void rotatingXForwardedForDoesNotEscapeTheAddressLimitWhenNoProxyIsTrusted() {
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on", "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "5/1m"))) {
            ApiClient client = client(server);
            RateLimitWindow.awaitRoomInTheCurrentMinute();
            for (int i = 0; i < 5; i++) {
                assertThat(login(client, "victim-" + i + "@example.com", "198.51.100." + i)
                                .status())
                        .isEqualTo(401);
            }

            assertRateLimited(login(client, "victim-9@example.com", "198.51.100.99"));
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimit() {
        try (RunningGatehouse server = RunningGatehouse.start(
                dataDirectory,
                Map.of(
                        "GATEHOUSE_RATE_LIMITS", "on",
                        "GATEHOUSE_LOGIN_LIMIT_PER_ADDRESS", "5/1m",
                        "GATEHOUSE_TRUSTED_PROXIES", "127.0.0.0/8, ::1"))) {
            ApiClient client = client(server);
            RateLimitWindow.awaitRoomInTheCurrentMinute();
            for (int i = 0; i < 5; i++) {
                login(client, "a-" + i + "@example.com", "203.0.113.1");
            }

            assertRateLimited(login(client, "a-9@example.com", "203.0.113.1"));
            // A different client behind the same proxy is not punished for the first one.
            assertThat(login(client, "b@example.com", "203.0.113.2").status()).isEqualTo(401);
            // Nor can the client pick its address: the proxy appends what it saw, and we read from the right.
            assertRateLimited(login(client, "c@example.com", "192.0.2.77, 203.0.113.1"));
        }
    }

    @Test
    void signUpFloodsFromOneAddressAreCutOff() {
        try (RunningGatehouse server = RunningGatehouse.start(dataDirectory, Map.of("GATEHOUSE_RATE_LIMITS", "on"))) {
            ApiClient client = client(server);
            int accepted = 0;
            ApiClient.Response last = null;
            for (int i = 0; i < 21; i++) {
                last = client.signUp("flood-" + i + "-" + UUID.randomUUID() + "@example.com", PASSWORD);
                if (last.status() == 202) {
                    accepted++;
                }
            }

            assertThat(accepted).isEqualTo(20);
            assertRateLimited(last);
        }
    }

    static void assertRateLimited(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:gatehouse:problem:rate-limited");
        assertThat(Integer.parseInt(response.header("Retry-After").orElseThrow()))
                .isPositive();
    }

    static ApiClient client(RunningGatehouse server) {
        return new ApiClient(server.baseUri(), RunningGatehouse.ISSUER);
    }

    static String signUp(ApiClient client) {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        assertThat(client.signUp(email, PASSWORD).status()).isEqualTo(202);
        return email;
    }

    private static ApiClient.Response login(ApiClient client, String email, String forwardedFor) {
        return client.send(
                "POST",
                "/v1/sessions",
                ApiClient.json(Map.of("email", email, "password", "not the password")),
                "X-Forwarded-For",
                forwardedFor);
    }
}
