package dev.gatehouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Clients switch on problem types, so the documented list is the list the server can answer. */
class ProblemTypesDocumentationTest {
    private static final Pattern SLUG = Pattern.compile("`(?:urn:gatehouse:problem:)?([a-z]+(?:-[a-z]+)*)`");

    @Test
    void theApiReferenceListsExactlyTheProblemTypes() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "http-api.md"))) {
            if (line.startsWith("| `urn:gatehouse:problem:")) {
                Matcher slugs = SLUG.matcher(line.split("\\|")[1]);
                while (slugs.find()) {
                    documented.add(slugs.group(1));
                }
            }
        }

        assertThat(documented)
                .isEqualTo(Arrays.stream(ProblemType.values())
                        .map(ProblemType::slug)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }
}
