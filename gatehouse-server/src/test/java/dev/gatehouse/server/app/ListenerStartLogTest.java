package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListenerStartLogTest {
    private final Logger helidon = Logger.getLogger("io.helidon.webserver.LoomServer");
    private final List<LogRecord> published = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            published.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        helidon.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        helidon.removeHandler(handler);
    }

    @Test
    void keepsHelidonsStartFailureOffTheLogAndHoldsItsInnermostCause() {
        try (ListenerStartLog log = ListenerStartLog.capture()) {
            helidon.log(
                    Level.SEVERE,
                    "Failed to start listener",
                    new RuntimeException(new UncheckedIOException(
                            "Failed to start server", new BindException("Address already in use"))));
            helidon.severe("Helidon WebServer failed to start, shutting down");
            helidon.warning("something else");

            assertThat(log.cause()).isEqualTo("Address already in use");
        }
        assertThat(published).extracting(LogRecord::getMessage).containsExactly("something else");

        helidon.severe("after the start");
        assertThat(published).extracting(LogRecord::getMessage).containsExactly("something else", "after the start");
    }
}
