package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNameTest {

    @Test
    void namesCommonBrowsersAndSystems() {
        assertThat(
                        DeviceName.describe(
                                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
                .isEqualTo("Edge on Windows");
        assertThat(DeviceName.describe("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"))
                .isEqualTo("Firefox on Linux");
        assertThat(
                        DeviceName.describe(
                                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"))
                .isEqualTo("Safari on iOS");
        assertThat(
                        DeviceName.describe(
                                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"))
                .isEqualTo("Chrome on Android");
        assertThat(DeviceName.describe("curl/8.5.0")).isEqualTo("curl");
        assertThat(DeviceName.describe("")).isEqualTo("Unknown device");
    }
}
