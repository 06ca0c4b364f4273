package dev.gatehouse.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The build's count of migrations is the migrations it ships. */
class SqliteMigrationsTest {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+)__.+\\.sql");

    @Test
    void theShippedCountIsTheNewestVersionAndEveryVersionBeforeIt() throws Exception {
        List<Integer> versions;
        try (var files = Files.list(Path.of("src/main/resources/db/migration/sqlite"))) {
            versions = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .toList();
        }

        assertThat(versions).hasSize(SqliteDatabase.SHIPPED_MIGRATIONS);
        assertThat(versions.getLast()).isEqualTo(SqliteDatabase.SHIPPED_MIGRATIONS);
    }
}
