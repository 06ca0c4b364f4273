package dev.gatehouse.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "LocalHost",
                "127.0.0.1",
                "127.0.0.0",
                "127.255.255.255",
                "127.1.2.3",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1",
                "[0000:0000:0000:0000:0000:0000:0000:0001]",
                "::0:1",
                "0::1",
                "0:0:0::0:1",
                "::0.0.0.1",
                "[::0.0.0.1]"
            })
    void acceptsLocalhostTheIpv4LoopbackRangeAndEveryFormOfIpv6Loopback(String host) {
        assertThat(Loopback.isLoopbackHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "127.evil.example",
                "127.0.0.1.evil.example",
                "localhost.evil.example",
                "evil.localhost",
                "localhost.",
                "localho\u017ft",
                "127.1",
                "127.0.1",
                "127.0.0.01",
                "0177.0.0.1",
                "0x7f.0.0.1",
                "2130706433",
                "127.0.0.256",
                "127.0.0.1.",
                "127.0.0.1 ",
                "\u0661\u0662\u0667.0.0.1",
                "128.0.0.1",
                "126.255.255.255",
                "0.0.0.0",
                "[127.0.0.1]",
                "[localhost]",
                "[::1",
                "::1]",
                "[]",
                "::",
                ":::1",
                "::1::",
                ":1",
                "1::",
                "::2",
                "1::1",
                "::00001",
                "::g",
                "::1%lo0",
                "[::1%25lo0]",
                "::ffff:127.0.0.1",
                "::127.0.0.1",
                "1.2.3.4::1",
                "0:0:0:0:0:0:0:0:1",
                "0:0:0:0:0:0:1"
            })
    void refusesEverythingElseWithoutLookingANameUp(String host) {
        assertThat(Loopback.isLoopbackHost(host)).isFalse();
    }

    @Test
    void refusesNoHostAtAll() {
        assertThat(Loopback.isLoopbackHost(null)).isFalse();
    }
}
