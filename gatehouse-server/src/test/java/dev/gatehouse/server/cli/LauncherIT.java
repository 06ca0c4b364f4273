package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./gatehouse} launcher's choice of JVM options, read through {@code GATEHOUSE_DRY_RUN=1},
 * which prints the java command instead of starting it (and never builds). Runs after {@code package}.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "gatehouse");

    /** As on these machines and CI: no JAVA_HOME, and Java 17 first on the PATH. */
    private static String dryRun(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of("bash", LAUNCHER.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_") || name.endsWith("JAVA_OPTS"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().put("PATH", "/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/bin:/bin");
        builder.environment().put("GATEHOUSE_DRY_RUN", "1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    @Test
    void boundsTheHeapForTheHashingPoolAndUsesAJdkOf21OrNewer() throws Exception {
        String command = dryRun(Map.of(), "serve");

        assertThat(command)
                .doesNotContain("java-17")
                .contains("-XX:+ExitOnOutOfMemoryError", "-XX:+AutoCreateSharedArchive", "gatehouse-serve.jsa")
                .endsWith("gatehouse.jar serve");
        assertThat(command).containsPattern("-Xmx(\\d+)m");
        int heapMib = Integer.parseInt(command.replaceAll("(?s).*-Xmx(\\d+)m.*", "$1"));
        // 128 MiB plus a 19 MiB hash and a MiB for each core (as nproc counts them).
        assertThat(heapMib).isGreaterThanOrEqualTo(128 + 20);
        assertThat((heapMib - 128) % 20).isZero();
    }

    @Test
    void growsTheBoundWithTheHashMemory() throws Exception {
        String small = dryRun(Map.of(), "serve");
        String large = dryRun(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "65536"), "serve");

        int smallMib = Integer.parseInt(small.replaceAll("(?s).*-Xmx(\\d+)m.*", "$1"));
        int largeMib = Integer.parseInt(large.replaceAll("(?s).*-Xmx(\\d+)m.*", "$1"));
        assertThat(largeMib - 128).isEqualTo((smallMib - 128) / 20 * 65);
    }

    @Test
    void theUsersHeapOptionReplacesTheDefaultAndTheirOptionsComeLast() throws Exception {
        String command = dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "-Xmx512m -Dgatehouse.example=1"), "serve");

        assertThat(command).doesNotContainPattern("-Xmx\\d+m.*-Xmx").contains("-Xmx512m -Dgatehouse.example=1 -jar");
        assertThat(dryRun(Map.of("JAVA_OPTS", "-XX:MaxRAMPercentage=50"), "users", "list"))
                .doesNotContain("-Xmx")
                .contains("-XX:MaxRAMPercentage=50", "gatehouse-users.jsa");
    }
}
