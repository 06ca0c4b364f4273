package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets a request under way finish and answer before the process ends, and the process ends. */
class GracefulShutdownIT {
    @TempDir
    Path dataDirectory;

    @Test
    void aRequestUnderWayWhenSigtermComesIsStillAnsweredAndTheProcessExitsCleanly() throws Exception {
        int port = GatehouseProcess.freePort();
        Map<String, String> environment = Map.of(
                "GATEHOUSE_DATA_DIR",
                dataDirectory.toString(),
                "GATEHOUSE_PORT",
                String.valueOf(port),
                "GATEHOUSE_REGISTRATION",
                "open",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL",
                "off");
        try (GatehouseProcess server = GatehouseProcess.start(environment, "", "serve");
                Socket socket = new Socket()) {
            server.awaitLine("Gatehouse listening on", Duration.ofSeconds(60));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            byte[] body = "{\"email\":\"late@example.com\",\"password\":\"purple elephants dance quietly\"}"
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Origin: http://localhost:" + port + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            // The request is under way (its handler waits for the body) when the process is asked to stop.
            awaitReadinessSaying(port, "1 under way");
            server.terminate();
            // Stopping has begun, and waits for the request under way.
            server.awaitLine("Gatehouse stopping", Duration.ofSeconds(10));

            out.write(body, 10, body.length - 10);
            out.flush();
            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 202");
            // 143: the JVM's exit after SIGTERM once its shutdown hooks have run.
            assertThat(server.awaitExit(Duration.ofSeconds(20))).hasValue(143);
        }
    }

    private static void awaitReadinessSaying(int port, String text) throws Exception {
        var http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        String last = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            last = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            if (last.contains(text)) {
                return;
            }
        }
        throw new AssertionError("readiness never said '" + text + "'; last: " + last);
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                read.write(buffer, 0, n);
                if (read.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")
                        && read.toString(StandardCharsets.UTF_8).contains("}")) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // closed after answering: what was read is the answer
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
