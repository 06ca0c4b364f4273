package dev.gatehouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tables in the README and docs/configuration.md must list exactly the keys the code reads. */
class ConfigurationDocumentationTest {

    @Test
    void theConfigurationPageMatchesTheKeys() throws IOException {
        assertTableMatchesKeys(Path.of("..", "docs", "configuration.md"));
    }

    @Test
    void theReadmeMatchesTheKeys() throws IOException {
        assertTableMatchesKeys(Path.of("..", "README.md"));
    }

    private static void assertTableMatchesKeys(Path doc) throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("| `GATEHOUSE_")) {
                String[] cells = line.split("\\|");
                documented.put(unquote(cells[1]), unquote(cells[2]));
            }
        }

        Map<String, String> actual = Arrays.stream(ConfigKey.values())
                .collect(Collectors.toMap(
                        ConfigKey::environmentVariable, ConfigKey::defaultValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(documented).as(doc.toString()).isEqualTo(actual);
    }

    private static String unquote(String cell) {
        String trimmed = cell.strip();
        if (trimmed.equals("(none)")) {
            return "";
        }
        return trimmed.replaceAll("^`|`$", "");
    }
}
