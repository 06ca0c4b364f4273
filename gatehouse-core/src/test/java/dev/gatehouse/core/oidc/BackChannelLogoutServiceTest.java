package dev.gatehouse.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackChannelLogoutServiceTest {

    @Test
    void backsOffExponentiallyToAnHour() {
        assertThat(BackChannelLogoutService.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(BackChannelLogoutService.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(BackChannelLogoutService.backoff(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(BackChannelLogoutService.backoff(9)).isEqualTo(Duration.ofSeconds(1280));
        assertThat(BackChannelLogoutService.backoff(11)).isEqualTo(Duration.ofHours(1));
        assertThat(BackChannelLogoutService.backoff(40)).isEqualTo(Duration.ofHours(1));
    }
}
