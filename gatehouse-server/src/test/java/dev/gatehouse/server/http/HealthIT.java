package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthIT extends ApiTestBase {

    @Test
    void isLiveAndReadyWhileTheStoreAnswers() {
        ApiClient.Response live = client().get("/health/live");
        ApiClient.Response ready = client().get("/health/ready");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get("store").asText()).isEqualTo("UP");
    }
}
