package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.oidc.LogoutDelivery;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The back-channel SSRF guard refuses before it connects (IP literals resolve without the network). */
class HttpLogoutDeliveryTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.7/logout", // private
                "https://172.16.0.1/logout", // private
                "https://192.168.1.1/logout", // private
                "https://169.254.169.254/latest/meta-data", // link-local: cloud metadata
                "https://127.0.0.1:8443/logout", // loopback, https
                "https://100.64.0.1/logout", // shared address space
                "https://0.0.0.0/logout", // unspecified
                "https://[::1]/logout", // loopback
                "https://[fd00::1]/logout", // unique local
                "https://[fe80::1]/logout" // link-local
            })
    void aBackChannelTargetOnAnInternalAddressIsRefused(String uri) {
        LogoutDelivery.Outcome outcome = new HttpLogoutDelivery(true, Set.of()).deliver(uri, "token");

        assertThat(outcome).isInstanceOf(LogoutDelivery.Outcome.Refused.class);
    }

    @Test
    void plainHttpIsRefusedWithoutTheDevelopmentFlagAndOffLoopbackAlways() {
        assertThat(new HttpLogoutDelivery(false, Set.of()).deliver("http://127.0.0.1:9/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
        assertThat(new HttpLogoutDelivery(true, Set.of()).deliver("http://192.0.2.1/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
        assertThat(new HttpLogoutDelivery(true, Set.of()).deliver("ftp://192.0.2.1/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
    }

    @Test
    void anAllowListedHostMayBeInternal() {
        // Allowed, so it is attempted: port 9 (discard) on loopback refuses the connection.
        assertThat(new HttpLogoutDelivery(false, Set.of("127.0.0.1")).deliver("https://127.0.0.1:9/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Failed.class);
    }

    @Test
    void recognisesInternalAddresses() throws Exception {
        assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName("8.8.8.8")))
                .isFalse();
        assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName("2001:4860:4860::8888")))
                .isFalse();
        assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName("100.127.255.255")))
                .isTrue();
    }
}
