package dev.gatehouse.testservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of test fixtures and benchmarks. */
public final class Files2 {
    private Files2() {}

    /** Best effort: a temporary directory left behind is untidy, not wrong. */
    public static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the OS to clean /tmp
        }
    }
}
