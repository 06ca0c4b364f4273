package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo as a test: the admin's "log out everywhere" cuts the app off at the API within a second. */
class HybridDemoTest {

    @Test
    void logOutEverywhereCutsTheAppOffAtTheApiWithinASecond() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        HybridDemo.Result result = HybridDemo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(result.cutOffAfter()).isLessThan(Duration.ofSeconds(1));
        assertThat(result.refreshRefused()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("GET /api/orders -> 200")
                .contains("log out everywhere\": 200")
                .contains("refused its refresh token: yes");
    }
}
