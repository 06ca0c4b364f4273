package dev.gatehouse.testservices;

/** One fresh database on a test PostgreSQL server, dropped on close. */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code postgresql://user@host:port/database}, as {@code GATEHOUSE_DATABASE_URL} takes it. */
    public String url() {
        return server.url(name);
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
