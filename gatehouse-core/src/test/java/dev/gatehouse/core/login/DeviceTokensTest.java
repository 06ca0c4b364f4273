package dev.gatehouse.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.testing.CountingRandom;
import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceTokensTest {
    private final TestClock clock = TestClock.startingAt("2026-04-01T09:00:00Z");
    private final DeviceTokens devices = new DeviceTokens(new KeyedHash(new byte[32]), new CountingRandom(7), clock);

    @Test
    void aTokenNamesItsDeviceOnlyForTheIdentifierItWasIssuedFor() {
        String token = devices.issue("ada@example.com");

        assertThat(devices.verify(token, "ada@example.com")).contains(token.substring(0, 22));
        assertThat(devices.verify(token, "eve@example.com")).isEmpty();
    }

    @Test
    void aChangedOrForeignTokenNamesNoDevice() {
        String token = devices.issue("ada@example.com");
        String otherKeys =
                new DeviceTokens(new KeyedHash(new byte[] {1}), new CountingRandom(7), clock).issue("ada@example.com");
        String laterExpiry = token.replaceFirst("\\.([0-9]+)\\.", ".9" + "$1" + ".");

        assertThat(devices.verify(otherKeys, "ada@example.com")).isEmpty();
        assertThat(devices.verify(laterExpiry, "ada@example.com")).isEmpty();
        assertThat(devices.verify(token.substring(0, token.length() - 1) + "A", "ada@example.com"))
                .isEmpty();
        assertThat(devices.verify("x".repeat(10_000), "ada@example.com")).isEmpty();
        assertThat(devices.verify("", "ada@example.com")).isEmpty();
    }

    @Test
    void aTokenStopsNamingItsDeviceWhenItsLifetimeEnds() {
        String token = devices.issue("ada@example.com");

        clock.advance(DeviceTokens.LIFETIME.minus(Duration.ofSeconds(1)));
        assertThat(devices.verify(token, "ada@example.com")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(devices.verify(token, "ada@example.com")).isEmpty();
    }
}
