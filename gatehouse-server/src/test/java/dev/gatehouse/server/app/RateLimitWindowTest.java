package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class RateLimitWindowTest {
    @RepeatedTest(10)
    void returnsOnlyWhenTheWindowHasTheRoomAskedFor() {
        long windowMillis = 400;

        RateLimitWindow.awaitRoom(Duration.ofMillis(windowMillis), Duration.ofMillis(300));
        long left = windowMillis - Math.floorMod(System.currentTimeMillis(), windowMillis);

        // 300 ms were asked for; a slow machine may lose a few between the return and this line.
        assertThat(left).isGreaterThan(250);
    }
}
