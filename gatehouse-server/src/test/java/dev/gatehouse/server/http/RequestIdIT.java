package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Request ids over HTTP with no trusted proxy configured: the client here is no proxy, so the id it
 * sends is replaced (JsonLogsIT shows a trusted proxy's id kept and carried into the logs).
 */
class RequestIdIT extends ApiTestBase {
    @Test
    void aClientThatIsNoTrustedProxyCannotNameItsRequestId() {
        ApiClient.Response response = client().send("GET", "/health/live", null, "X-Request-Id", "edge-7f3a.1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id"))
                .hasValueSatisfying(
                        id -> assertThat(id).isNotEqualTo("edge-7f3a.1").matches("[A-Za-z0-9_-]{16}"));
    }

    @Test
    void everyAnswerNamesAFreshIdOfItsOwn() {
        String first = client().get("/health/live").header("X-Request-Id").orElseThrow();
        String second = client().get("/health/live").header("X-Request-Id").orElseThrow();

        assertThat(first).matches("[A-Za-z0-9_-]{16}");
        assertThat(second).matches("[A-Za-z0-9_-]{16}").isNotEqualTo(first);
    }
}
