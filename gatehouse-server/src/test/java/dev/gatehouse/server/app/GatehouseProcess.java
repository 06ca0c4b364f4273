package dev.gatehouse.server.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The packaged {@code gatehouse.jar} run as a separate process, as a user would run it. */
public final class GatehouseProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "gatehouse.jar");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    /**
     * Every server a test started and has not seen exit. A test that forgets to close one (a class whose
     * set-up starts a second server over the first) must not leave it running after the test JVM ends:
     * CI found one such orphan per run.
     */
    private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> STARTED.forEach(Process::destroyForcibly), "gatehouse-process-reaper"));
    }

    private GatehouseProcess(Process process) {
        this.process = process;
        STARTED.add(process);
        process.onExit().thenRun(() -> STARTED.remove(process));
        Thread.ofVirtual().start(() -> {
            try (var reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output closed: " + e.getMessage() + ">");
            }
        });
    }

    /** Starts {@code gatehouse ARGS} with {@code environment} added, feeding it {@code stdin}. */
    public static GatehouseProcess start(Map<String, String> environment, String stdin, String... args)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: these tests run after `package`");
        }
        List<String> command = new ArrayList<>(
                List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        return new GatehouseProcess(process);
    }

    /**
     * Starts {@code mainClass ARGS} from the packaged jar (with this module's test classes beside it)
     * in a shell that first lowers the open-file limit to {@code openFiles}, as {@code ulimit -n} would
     * for a service. Standard input stays open for {@link #tell(String)}.
     */
    public static GatehouseProcess startWithOpenFileLimit(
            int openFiles, String mainClass, Map<String, String> environment, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: these tests run after `package`");
        }
        String classPath = JAR + java.io.File.pathSeparator + Path.of("target", "test-classes");
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "ulimit -n \"$0\" && exec \"$@\"",
                String.valueOf(openFiles),
                javaExecutable(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().putAll(environment);
        return new GatehouseProcess(builder.start());
    }

    /** Writes one line to the process's standard input (see {@link #startWithOpenFileLimit}). */
    public void tell(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** The operating system's id of the process (the shell above execs into it). */
    public long pid() {
        return process.pid();
    }

    /** Runs a command to its end and returns its exit code and everything it printed. */
    public static Result run(Map<String, String> environment, String stdin, String... args)
            throws IOException, InterruptedException {
        try (GatehouseProcess p = start(environment, stdin, args)) {
            if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("gatehouse " + String.join(" ", args) + " did not finish");
            }
            p.drain(Duration.ofSeconds(5));
            return new Result(p.process.exitValue(), String.join("\n", p.seen));
        }
    }

    public record Result(int exitCode, String output) {}

    /** Waits until a printed line contains {@code text}; fails with everything printed so far. */
    public String awaitLine(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(text)) {
                    return line;
                }
            } else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError(
                "no line with '" + text + "' within " + timeout + "; output:\n" + String.join("\n", seen));
    }

    public List<String> output() {
        lines.drainTo(seen);
        return List.copyOf(seen);
    }

    /**
     * SIGTERM, as a supervisor stops a service: the shutdown hook runs. Sent through the process handle:
     * {@code Process.destroy()} would also close our end of its output, losing what it prints while
     * stopping.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** The exit code once the process has ended, or empty when it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue())
                : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void drain(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String line = lines.poll(50, TimeUnit.MILLISECONDS);
            if (line == null) {
                return;
            }
            seen.add(line);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The test JVM's own java (a JDK 21+), never the PATH's: on a machine whose default java is 17, the
     * PATH's java cannot run the jar.
     */
    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
