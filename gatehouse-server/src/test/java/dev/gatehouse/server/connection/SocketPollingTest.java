package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SocketPollingTest {

    @Test
    void pollsFromPlatformThreadsByDefault() {
        Properties system = new Properties();

        SocketPolling.fromPlatformThreads(system);

        assertThat(system.getProperty("jdk.pollerMode")).isEqualTo("1");
    }

    @Test
    void keepsTheModeAnOperatorChose() {
        Properties system = new Properties();
        system.setProperty("jdk.pollerMode", "2");

        SocketPolling.fromPlatformThreads(system);

        assertThat(system.getProperty("jdk.pollerMode")).isEqualTo("2");
    }
}
