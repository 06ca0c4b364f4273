package dev.gatehouse.store.sqlite;

import dev.gatehouse.store.jdbc.JdbcDatabase;
import dev.gatehouse.store.jdbc.JdbcStoreContracts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract on a real SQLite file. */
class SqliteStoresIT extends JdbcStoreContracts {
    @TempDir
    Path directory;

    @Override
    protected JdbcDatabase openEmptyDatabase() {
        try {
            return SqliteDatabase.open(Files.createTempDirectory(directory, "db"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
