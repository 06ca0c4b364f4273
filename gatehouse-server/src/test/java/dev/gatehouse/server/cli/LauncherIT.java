package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./gatehouse} launcher's choice of JVM options, read through {@code GATEHOUSE_DRY_RUN=1},
 * which prints the java command instead of starting it (and never builds). Runs after {@code package}.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "gatehouse");

    @TempDir
    static Path scratch;

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

    /**
     * On the JDK the launcher finds here (25), a hash's memory is outside the heap: the bound is 128 MiB
     * and 20 a core, whatever the hash's cost.
     */
    @Test
    void boundsTheHeapWithoutTheHashMemoryAndUsesAJdkOf21OrNewer() throws Exception {
        String command = dryRun(Map.of("GATEHOUSE_AOT", "off"), "serve");

        assertThat(command)
                .doesNotContain("java-17")
                .contains(
                        "-XX:+UseSerialGC",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:TrimNativeHeapInterval=10000",
                        "-XX:+AutoCreateSharedArchive",
                        "gatehouse-serve.jsa")
                .endsWith("gatehouse.jar serve");
        int heapMib = heapMibOf(command);
        assertThat(heapMib).isGreaterThanOrEqualTo(128 + 20);
        assertThat((heapMib - 128) % 20).isZero();
        assertThat(heapMibOf(dryRun(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "65536"), "serve")))
                .isEqualTo(heapMib);
        int cores = (heapMib - 128) / 20;
        assertThat(command).contains("-Xmn" + 16 * cores + "m ");
    }

    /** The young generation is the launcher's only while the heap is: a user's sizing of either stands. */
    @Test
    void leavesTheYoungGenerationToAUserWhoSizesTheHeap() throws Exception {
        assertThat(dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "-XX:NewRatio=3"), "serve"))
                .containsPattern("-Xmx\\d+m")
                .doesNotContain("-Xmn")
                .contains("-XX:NewRatio=3");
        assertThat(dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "-Xmx400m"), "serve")).doesNotContain("-Xmn");
    }

    /**
     * glibc's mmap threshold is fixed, so that the hashes' memory, freed when logins stop, goes back to
     * the system; a threshold the user set (directly or as a tunable) is left alone.
     */
    @Test
    void fixesGlibcsMmapThresholdUnlessTheUserSetOne() throws Exception {
        assertThat(dryRun(Map.of(), "serve")).containsPattern("(?m)^MALLOC_MMAP_THRESHOLD_=4194304 /\\S+/bin/java ");
        assertThat(dryRun(Map.of("MALLOC_MMAP_THRESHOLD_", "65536"), "serve"))
                .doesNotContain("MALLOC_MMAP_THRESHOLD_=4194304");
        assertThat(dryRun(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536"), "serve"))
                .doesNotContain("MALLOC_MMAP_THRESHOLD_");
    }

    /**
     * On Java 21 the hashes are in the heap, so the bound grows with their memory: 128 MiB, plus a hash
     * and a MiB for each core (as nproc counts them).
     */
    @Test
    void onJava21GrowsTheBoundWithTheHashMemory() throws Exception {
        int small = heapMibOf(dryRun(onJava21(Map.of()), "serve"));
        int large = heapMibOf(dryRun(onJava21(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "65536")), "serve"));

        assertThat(small).isGreaterThanOrEqualTo(128 + 20);
        assertThat((small - 128) % 20).isZero();
        assertThat(large - 128).isEqualTo((small - 128) / 20 * 65);
    }

    /**
     * On Java 21 the heap is sized from the hash memory as the server reads it: decimal with a leading
     * zero, and a value the server refuses (other scripts' digits, too many digits) sized as the
     * default, never an unbounded heap or a bound the JVM refuses before Gatehouse can say what is wrong.
     */
    @Test
    void onJava21ReadsTheHashMemoryAsTheServerDoes() throws Exception {
        String plain = heapOf(dryRun(onJava21(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "9216")), "serve"));
        String byDefault = heapOf(dryRun(onJava21(Map.of()), "serve"));

        assertThat(plain).isNotEqualTo(byDefault);
        assertThat(heapOf(dryRun(onJava21(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", "09216")), "serve")))
                .isEqualTo(plain);
        assertThat(heapOf(dryRun(onJava21(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", " 9216 ")), "serve")))
                .isEqualTo(plain);
        for (String refused : new String[] {"٩٢١٦", "99999999999999999999", "4194305", "9216.0"}) {
            assertThat(heapOf(dryRun(onJava21(Map.of("GATEHOUSE_ARGON2_MEMORY_KIB", refused)), "serve")))
                    .as(refused)
                    .isEqualTo(byDefault);
        }
    }

    /**
     * JAVA_HOME at a JDK that says it is 21 (its {@code release} file, which the launcher reads) and
     * runs this one: the dry run only prints the command.
     */
    private static Map<String, String> onJava21(Map<String, String> environment) throws IOException {
        Path home = scratch.resolve("jdk-21");
        if (!Files.exists(home)) {
            Path bin = Files.createDirectories(home.resolve("bin"));
            Path realBin = Path.of(System.getProperty("java.home"), "bin");
            Files.createSymbolicLink(bin.resolve("java"), realBin.resolve("java"));
            Files.createSymbolicLink(bin.resolve("javac"), realBin.resolve("javac"));
            Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21.0.9\"\n");
        }
        var withHome = new java.util.HashMap<>(environment);
        withHome.put("JAVA_HOME", home.toString());
        return withHome;
    }

    private static int heapMibOf(String command) {
        return Integer.parseInt(heapOf(command).replaceAll("\\D", ""));
    }

    private static String heapOf(String command) {
        assertThat(command).containsPattern("-Xmx\\d+m");
        return command.replaceAll("(?s).*(-Xmx\\d+m).*", "$1");
    }

    @Test
    void theUsersHeapOptionReplacesTheDefaultAndTheirOptionsComeLast() throws Exception {
        String command = dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "-Xmx512m -Dgatehouse.example=1"), "serve");

        assertThat(command).doesNotContainPattern("-Xmx\\d+m.*-Xmx").contains("-Xmx512m -Dgatehouse.example=1 -jar");
        assertThat(dryRun(Map.of("JAVA_OPTS", "-XX:MaxRAMPercentage=50"), "users", "list"))
                .doesNotContain("-Xmx")
                .contains("-XX:MaxRAMPercentage=50", "gatehouse-users.jsa");
    }

    @Test
    void theUsersCollectorReplacesTheSerialOne() throws Exception {
        assertThat(dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "-XX:+UseG1GC"), "serve"))
                .doesNotContain("UseSerialGC")
                .contains("-XX:+UseG1GC -jar");
        assertThat(dryRun(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseParallelGC"), "users", "list"))
                .doesNotContain("UseSerialGC");
        // Not a collector: the serial one stays.
        assertThat(dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "-XX:+UseGCOverheadLimit"), "serve"))
                .contains("-XX:+UseSerialGC");
        // Options in a file may name one; adding ours could make two, which the JVM refuses.
        assertThat(dryRun(Map.of("GATEHOUSE_JAVA_OPTS", "@/tmp/gatehouse-options"), "serve"))
                .doesNotContain("UseSerialGC");
    }

    /** A launcher stopped during the training run takes the training JVM and its files with it. */
    @Test
    void aLauncherStoppedDuringTheTrainingRunLeavesNothingBehind() throws Exception {
        Path target = Path.of("target");
        Files.deleteIfExists(target.resolve("gatehouse-serve.aot"));
        Path dataDirectory = Files.createTempDirectory("gatehouse-launcher");
        try {
            Process launcher = launcher(dataDirectory, Map.of());
            var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            if (line == null || !line.startsWith("Preparing faster starts")) {
                launcher.destroyForcibly();
                // JDK 21-24: no training run to stop.
                assertThat(line).doesNotContain("training");
                return;
            }
            // Stopped while its training JVM runs, not before it starts.
            Await.until("the training JVM running", Duration.ofSeconds(30), () -> trainingJvms(target) > 0);
            launcher.destroy();
            assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(trainingJvms(target)).isZero();
            try (var files = Files.list(target)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .noneMatch(name -> name.startsWith("gatehouse-serve.aot." + launcher.pid()));
            }
        } finally {
            deleteTree(dataDirectory);
        }
    }

    /** Without a temporary directory for the training run, the server starts all the same. */
    @Test
    void startsWithoutTheCacheWhenThereIsNoTemporaryDirectory() throws Exception {
        Files.deleteIfExists(Path.of("target", "gatehouse-serve.aot"));
        Path dataDirectory = Files.createTempDirectory("gatehouse-launcher");
        try {
            String printed = serveUntilListening(dataDirectory, Map.of("TMPDIR", "/nonexistent/gatehouse"));
            assertThat(printed).doesNotContain("Preparing faster starts");
        } finally {
            deleteTree(dataDirectory);
        }
    }

    /**
     * On JDK 25+ the first {@code serve} of a build makes an ahead-of-time cache by a training run on a
     * throw-away data directory, and serves from it; older JDKs keep the class-data archive. This
     * starts the server for real (the jar is built already, so the launcher does not build).
     */
    @Test
    void servesFromAStartUpCacheItMadeByATrainingRun() throws Exception {
        Path cache = Path.of("target", "gatehouse-serve.aot");
        Files.deleteIfExists(cache);
        Path dataDirectory = Files.createTempDirectory("gatehouse-launcher");
        String firstStart;
        try {
            firstStart = serveUntilListening(dataDirectory);
        } finally {
            deleteTree(dataDirectory);
        }

        String command = dryRun(Map.of(), "serve");
        // The java command's path, after the environment the launcher sets for it.
        Path javaHome = Path.of(command.replaceAll("(?s).*?(\\S+/bin/java) .*", "$1"))
                .getParent()
                .getParent();
        if (featureVersion(javaHome) >= 25) {
            assertThat(firstStart).contains("Preparing faster starts").doesNotContain("training run failed");
            assertThat(cache).isRegularFile();
            assertThat(Files.size(cache)).isGreaterThan(10_000_000L);
            assertThat(command)
                    .contains("-XX:AOTCache=" + cache.toAbsolutePath().normalize())
                    // Its classes, not the training run's method profiles (the launcher says why).
                    .contains("-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining")
                    .doesNotContain("AutoCreateSharedArchive");
            // The cache matches this jar: with AOTMode=on the JVM refuses to start on one that does not.
            assertThat(run(List.of(
                            javaHome.resolve("bin/java").toString(),
                            "-XX:AOTMode=on",
                            "-XX:AOTCache=" + cache.toAbsolutePath(),
                            "-jar",
                            "target/gatehouse.jar",
                            "--version")))
                    .isZero();
        } else {
            assertThat(firstStart).doesNotContain("Preparing faster starts");
            assertThat(command).contains("gatehouse-serve.jsa");
        }
    }

    /**
     * The JVM keeps classes of a signed jar out of the start-up cache and checks the signature at every
     * start; the build ships Bouncy Castle unsigned for that (gatehouse-server/pom.xml), and must keep its
     * classes for newer JDKs.
     */
    @Test
    void bouncyCastleIsPackagedUnsignedAndStillMultiRelease() throws Exception {
        try (var lib = Files.list(Path.of("target", "lib"))) {
            Path bouncyCastle = lib.filter(jar -> jar.getFileName().toString().startsWith("bcprov-"))
                    .findFirst()
                    .orElseThrow();
            try (var jar = new java.util.jar.JarFile(bouncyCastle.toFile())) {
                assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
                        .noneMatch(name -> name.startsWith("META-INF/") && name.matches(".*\\.(SF|RSA|DSA|EC)"))
                        .anyMatch(name -> name.startsWith("META-INF/versions/25/"));
                assertThat(jar.isMultiRelease()).isTrue();
                assertThat(jar.getManifest().getEntries())
                        .as("no per-entry digests")
                        .isEmpty();
            }
        }
    }

    /** The training-run JVMs of the jar in {@code target} alive now. */
    private static long trainingJvms(Path target) {
        String jar = target.toAbsolutePath().resolve("gatehouse.jar").toString();
        return ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains("--training-run") && command.contains(jar))
                .count();
    }

    /** {@code ./gatehouse serve} on a free port, started as a newcomer would, with {@code environment}. */
    private static Process launcher(Path dataDirectory, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "serve").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_") || name.endsWith("JAVA_OPTS"));
        builder.environment().put("PATH", "/usr/lib/jvm/java-17-openjdk-amd64/bin:/usr/bin:/bin");
        builder.environment()
                .put("GATEHOUSE_DATA_DIR", dataDirectory.resolve("data").toString());
        builder.environment().put("GATEHOUSE_PORT", "0");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String serveUntilListening(Path dataDirectory) throws IOException, InterruptedException {
        return serveUntilListening(dataDirectory, Map.of());
    }

    /** Runs {@code ./gatehouse serve} on a free port until it says it listens; returns what it printed. */
    private static String serveUntilListening(Path dataDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        Process process = launcher(dataDirectory, environment);
        StringBuilder printed = new StringBuilder();
        try (var lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                printed.append(line).append('\n');
                if (line.startsWith("Gatehouse listening on")) {
                    break;
                }
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(printed.toString()).contains("Gatehouse listening on");
        return printed.toString();
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        return process.exitValue();
    }

    private static int featureVersion(Path javaHome) throws IOException {
        String release = Files.readString(javaHome.resolve("release"));
        String version = release.replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1");
        return Integer.parseInt(version);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
