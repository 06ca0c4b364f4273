package dev.gatehouse.testservices;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis server for tests.
 *
 * <p>{@link #shared()} is the machine's server when {@code GATEHOUSE_TEST_REDIS_URL} names one (or
 * one answers on the standard port), otherwise one this JVM starts. {@link #startOwn()} starts a
 * server that belongs to the test, which may stop and start it. Redis keeps nothing on disk here
 * ({@code --save '' --appendonly no}): a restart is an empty Redis, as after a crash.
 */
public final class RedisServer implements AutoCloseable {
    public static final String ENVIRONMENT_VARIABLE = "GATEHOUSE_TEST_REDIS_URL";
    private static RedisServer shared;

    private final String host;
    private final int port;
    private final int database;
    private final boolean owned;
    private Process process;

    private RedisServer(String host, int port, int database, boolean owned) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.owned = owned;
    }

    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = locate();
        }
        return shared;
    }

    /** A new, empty Redis on a free port; the caller stops and closes it. */
    public static RedisServer startOwn() {
        RedisServer server = new RedisServer("127.0.0.1", Ports.free(), 0, true);
        server.start();
        return server;
    }

    private static RedisServer locate() {
        String configured = System.getenv(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            URI uri = URI.create(configured);
            String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            return new RedisServer(
                    uri.getHost(),
                    uri.getPort() > 0 ? uri.getPort() : 6379,
                    path.isEmpty() ? 0 : Integer.parseInt(path),
                    false);
        }
        if (Ports.listening("127.0.0.1", 6379)) {
            return new RedisServer("127.0.0.1", 6379, 0, false);
        }
        RedisServer own = startOwn();
        Runtime.getRuntime().addShutdownHook(new Thread(own::close));
        return own;
    }

    /** {@code redis://host:port/db}, as {@code GATEHOUSE_REDIS_URL} takes it. */
    public String url() {
        return "redis://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Starts (again) a server this fixture owns, on the same port. */
    public synchronized void start() {
        requireOwned();
        if (process != null && process.isAlive()) {
            return;
        }
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "no redis-server binary on PATH: install Debian's redis-server or set " + ENVIRONMENT_VARIABLE));
        try {
            process = new ProcessBuilder(List.of(
                            binary.toString(),
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--protected-mode",
                            "yes",
                            "--dir",
                            System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Ports.listening(host, port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.onSpinWait();
        }
    }

    /** Stops a server this fixture owns, the hard way: what a crash looks like to its clients. */
    public synchronized void stop() {
        requireOwned();
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void requireOwned() {
        if (!owned) {
            throw new IllegalStateException("this Redis server is not the test's to stop or start");
        }
    }

    private static Optional<Path> binary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/usr/local/bin");
        return Stream.concat(
                        Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin", "/usr/sbin"))
                .map(directory -> Path.of(directory, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public synchronized void close() {
        if (owned) {
            stop();
        }
    }
}
