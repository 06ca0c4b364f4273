package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes at every endpoint, with every method and a spread of content types: the server must
 * answer each with something other than a 5xx. The seed is fixed, so a failure replays.
 */
class FuzzIT extends ApiTestBase {
    private static final List<String> PATHS = List.of(
            "/v1/accounts",
            "/v1/sessions",
            "/v1/sessions/current",
            "/v1/sessions/abc",
            "/v1/me",
            "/v1/password",
            "/health/live",
            "/health/ready",
            "/nowhere");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json", "application/json; charset=utf-8", "text/plain", "application/octet-stream", "");

    @Test
    void randomBodiesNeverCauseAServerError() {
        Random random = new Random(20261128L);
        ApiClient anonymous = client();
        ApiClient authenticated = loggedIn();
        for (int i = 0; i < 600; i++) {
            ApiClient client = random.nextBoolean() ? anonymous : authenticated;
            String path = PATHS.get(random.nextInt(PATHS.size()));
            String method = METHODS.get(random.nextInt(METHODS.size()));
            String contentType = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            String body = randomBody(random);
            ApiClient.Response response = contentType.isEmpty()
                    ? client.send(method, path, body, "Content-Type", "application/x-unknown")
                    : client.send(method, path, body, "Content-Type", contentType);

            assertThat(response.status()).as("%s %s #%d", method, path, i).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.header("Content-Type")).contains("application/problem+json");
            }
        }
        assertThat(authenticated.get("/v1/me").status())
                .as("the server still serves")
                .isIn(200, 401);
    }

    private static String randomBody(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case 1 -> "{\"email\":\"" + "x".repeat(random.nextInt(50)) + "\",\"password\":" + random.nextInt() + "}";
            case 2 -> "{".repeat(random.nextInt(40)) + "\"a\":" + "[".repeat(random.nextInt(40));
            default ->
                "{\"email\":\"fuzz" + random.nextInt(1000) + "@example.com\",\"password\":\""
                        + "p".repeat(random.nextInt(2000)) + "\"}";
        };
    }
}
