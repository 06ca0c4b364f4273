package dev.gatehouse.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.app.GatehouseProcess;
import dev.gatehouse.server.http.ApiClient;
import dev.gatehouse.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail the server promised (202) but had not sent when it was killed with SIGKILL goes out after
 * restart: the outbox row was committed with the answer, and the restarted node sends it.
 */
class MailCrashIT {
    private static final String PASSWORD = "purple elephants dance quietly";

    @TempDir
    Path dataDirectory;

    @Test
    void aMailPromisedBeforeSigkillIsSentAfterRestart() throws Exception {
        int port = GatehouseProcess.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        ApiClient client = new ApiClient(base, "http://localhost:" + port);
        Map<String, String> common = Map.of(
                "GATEHOUSE_PORT", String.valueOf(port),
                "GATEHOUSE_DATA_DIR", dataDirectory.toString(),
                "GATEHOUSE_REGISTRATION", "open",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL", "off",
                "GATEHOUSE_SMTP_ALLOW_PLAINTEXT", "on");
        try (BlackHole blackHole = new BlackHole()) {
            var environment = new java.util.HashMap<>(common);
            environment.put("GATEHOUSE_SMTP_URL", "smtp://127.0.0.1:" + blackHole.port());
            try (GatehouseProcess first = GatehouseProcess.start(environment, "", "serve")) {
                first.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
                assertThat(client.signUp("survivor@example.com", PASSWORD).status())
                        .isEqualTo(202);
                // The worker is stuck sending the sign-up's mail to a server that never answers...
                Await.until("the worker connects", Duration.ofSeconds(20), () -> blackHole.connections() > 0);
                // ...when the reset is promised, and the node dies before it can send anything.
                assertThat(client.post("/v1/password-reset", Map.of("email", "survivor@example.com"))
                                .status())
                        .isEqualTo(202);
                first.kill();
            }
        }

        try (TestMailServer mail = TestMailServer.plain()) {
            var environment = new java.util.HashMap<>(common);
            environment.put("GATEHOUSE_SMTP_URL", mail.url());
            try (GatehouseProcess second = GatehouseProcess.start(environment, "", "serve")) {
                second.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));

                var reset = mail.awaitMail("survivor@example.com", "Set a new password", 1);

                assertThat(TestMailServer.link(reset)).contains("/password-reset/new?token=");
                mail.awaitMail("survivor@example.com", "Confirm your address", 1);
            }
        }
    }

    /** An SMTP port that accepts connections and never says a word. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        BlackHole() throws IOException {
            listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        held.add(listener.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        int connections() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
