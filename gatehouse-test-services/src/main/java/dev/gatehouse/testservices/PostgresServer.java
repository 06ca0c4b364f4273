package dev.gatehouse.testservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL server for tests, and fresh databases on it.
 *
 * <p>{@link #shared()} is the machine's server when {@code GATEHOUSE_TEST_PG_URL} names one (or one
 * answers on the standard port), otherwise a server this JVM starts once. {@link #startOwn()} always
 * starts a new one that the test may stop and start again: failure tests never touch a server they
 * did not start.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String ENVIRONMENT_VARIABLE = "GATEHOUSE_TEST_PG_URL";
    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String user;
    private final String adminDatabase;
    private final Path dataDirectory;
    private EmbeddedPostgres own;

    private PostgresServer(String host, int port, String user, String adminDatabase, Path dataDirectory) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.adminDatabase = adminDatabase;
        this.dataDirectory = dataDirectory;
    }

    /** The server every test of this JVM may create databases on; never stopped by a test. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = locate();
        }
        return shared;
    }

    /** A new server on a free port that belongs to the caller, who stops and closes it. */
    public static PostgresServer startOwn() {
        try {
            Path data = Files.createTempDirectory("gatehouse-pg-");
            PostgresServer server = new PostgresServer("127.0.0.1", Ports.free(), "postgres", "postgres", data);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a data directory for PostgreSQL", e);
        }
    }

    private static PostgresServer locate() {
        String configured = System.getenv(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            URI uri = URI.create(configured.replaceFirst("^jdbc:", "").replaceFirst("^postgres://", "postgresql://"));
            String user =
                    uri.getUserInfo() == null ? "postgres" : uri.getUserInfo().split(":", 2)[0];
            String database = uri.getPath() == null || uri.getPath().length() <= 1
                    ? "postgres"
                    : uri.getPath().substring(1);
            return new PostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, database, null);
        }
        PostgresServer standard = new PostgresServer("127.0.0.1", 5432, "postgres", "postgres", null);
        if (standard.answers()) {
            return standard;
        }
        PostgresServer own = startOwn();
        Runtime.getRuntime().addShutdownHook(new Thread(own::close));
        return own;
    }

    /** Starts (again) a server this fixture owns, on the same port and data directory. */
    public synchronized void start() {
        requireOwned();
        try {
            own = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL on port " + port, e);
        }
    }

    /** Stops a server this fixture owns, keeping its data for {@link #start()}. */
    public synchronized void stop() {
        requireOwned();
        if (own != null) {
            try {
                own.close();
            } catch (IOException e) {
                throw new IllegalStateException("cannot stop PostgreSQL on port " + port, e);
            }
            own = null;
        }
    }

    /** A new, empty database; the caller drops it with {@link TestDatabase#close()}. */
    public TestDatabase createDatabase() {
        String name = "gatehouse_test_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                        .toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(this, name);
    }

    void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** {@code postgresql://user@host:port/database}: the form Gatehouse's configuration reads. */
    public String url(String database) {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + user;
    }

    public int port() {
        return port;
    }

    public boolean answers() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase) + "&connectTimeout=2")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(adminDatabase));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }

    private void requireOwned() {
        if (dataDirectory == null) {
            throw new IllegalStateException("this PostgreSQL server is not the test's to stop or start");
        }
    }

    @Override
    public synchronized void close() {
        if (dataDirectory != null) {
            stop();
            Files2.deleteRecursively(dataDirectory);
        }
    }
}
