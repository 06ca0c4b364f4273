package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersIT extends ApiTestBase {

    @Test
    void everyResponseForbidsCachingFramingAndSniffing() {
        ApiClient client = loggedIn();
        List<ApiClient.Response> responses = List.of(
                client.get("/v1/me"),
                client.get("/v1/sessions"),
                client().get("/v1/me"),
                client().get("/nowhere"),
                client().get("/health/live"),
                client().send("POST", "/v1/sessions", "{"));

        for (ApiClient.Response response : responses) {
            assertThat(response.header("Cache-Control")).contains("no-store");
            assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.header("Referrer-Policy")).contains("no-referrer");
            assertThat(response.header("Content-Security-Policy"))
                    .get()
                    .asString()
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("Server")).isEmpty();
        }
    }
}
