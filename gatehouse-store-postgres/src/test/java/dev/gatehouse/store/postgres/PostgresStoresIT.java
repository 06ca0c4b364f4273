package dev.gatehouse.store.postgres;

import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.jdbc.JdbcStoreContracts;
import dev.gatehouse.testservices.PostgresServer;
import dev.gatehouse.testservices.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every store contract on a real PostgreSQL server: a fresh schema per test in a database of this run. */
class PostgresStoresIT extends JdbcStoreContracts {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresServer.shared().createDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected JdbcDatabase openEmptyDatabase() {
        return PostgresDatabase.open(PostgresLocation.parse(freshSchema(database)), true);
    }

    /** A JDBC URL whose connections work in a new, empty schema of {@code database}. */
    static String freshSchema(TestDatabase database) {
        String schema = "contract_" + SCHEMAS.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return database.jdbcUrl() + "&currentSchema=" + schema;
    }
}
