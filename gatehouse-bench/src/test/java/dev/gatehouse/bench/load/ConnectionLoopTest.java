package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server (the JDK's): what the loop sends, times and counts. */
class ConnectionLoopTest {
    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    private final Histogram histogram = new Histogram(3);
    private final LoadRun.Errors errors = new LoadRun.Errors();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            served.computeIfAbsent(path, p -> new LongAdder()).increment();
            byte[] body = "{\"token\":\"t\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.equals("/fail") ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyTimedAnswerIsTimedOnceAndTheRequestsPreparingThemAreNot() throws Exception {
        run("/timed");

        assertThat(served.get("/timed").sum()).isPositive();
        assertThat(histogram.getTotalCount()).isEqualTo(served.get("/timed").sum());
        assertThat(served.get("/prep").sum())
                .isBetween(served.get("/timed").sum(), served.get("/timed").sum() + 3);
        assertThat(errors.count()).isZero();
    }

    @Test
    void anUnexpectedAnswerIsAnErrorAndNotALatency() throws Exception {
        run("/fail");

        assertThat(served.get("/fail").sum()).isPositive();
        assertThat(errors.count()).isEqualTo(served.get("/fail").sum());
        assertThat(histogram.getTotalCount()).isZero();
    }

    /** Three connections for 300 ms, each sending a preparing request, then a timed one to {@code path}, and so on. */
    private void run(String path) throws Exception {
        long now = System.nanoTime();
        ConnectionLoop loop = new ConnectionLoop(histogram, new LoadRun.Window(now, now + 300_000_000L), errors);
        String host = "127.0.0.1:" + server.getAddress().getPort();
        for (int i = 0; i < 3; i++) {
            loop.add(new HttpConnection("127.0.0.1", server.getAddress().getPort()), new Workload.Caller() {
                private boolean prepared;

                @Override
                public byte[] next() {
                    return Request.get(prepared ? path : "/prep").bytes(host);
                }

                @Override
                public boolean timed() {
                    return prepared;
                }

                @Override
                public boolean accept(HttpConnection.Response response) {
                    prepared = !prepared;
                    return response.status() == 200;
                }
            });
        }
        Thread thread = Thread.ofPlatform().start(loop);
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }
}
