package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tables in the README and docs/configuration.md must list exactly the keys the code reads, with
 * their defaults and meanings; the ranges in the meanings come from the types that enforce them.
 */
class ConfigurationDocumentationTest {

    private record Row(String defaultValue, String meaning) {}

    @Test
    void theConfigurationPageMatchesTheKeys() throws IOException {
        assertTableMatchesKeys(Path.of("..", "docs", "configuration.md"));
    }

    @Test
    void theReadmeMatchesTheKeys() throws IOException {
        assertTableMatchesKeys(Path.of("..", "README.md"));
    }

    private static void assertTableMatchesKeys(Path doc) throws IOException {
        Map<String, Row> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| `GATEHOUSE_")) {
                String[] cells = line.split("\\|");
                documented.put(unquote(cells[1]), new Row(unquote(cells[2]), withoutLinks(cells[3].strip())));
            }
        }

        assertThat(documented.keySet())
                .as(doc + ": the variables in the table")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ConfigKey.values())
                        .map(ConfigKey::environmentVariable)
                        .toList());
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(documented.get(key.environmentVariable()))
                    .as(doc + ": the row of " + key.environmentVariable())
                    .isEqualTo(new Row(key.defaultValue(), key.description()));
        }
    }

    private static String unquote(String cell) {
        String trimmed = cell.strip();
        if (trimmed.equals("(none)")) {
            return "";
        }
        return trimmed.replaceAll("^`|`$", "");
    }

    /** A Markdown link reads as its text: the targets differ between the README and docs/. */
    private static String withoutLinks(String cell) {
        return cell.replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1");
    }
}
