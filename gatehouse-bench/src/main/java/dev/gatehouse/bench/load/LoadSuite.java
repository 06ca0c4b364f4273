package dev.gatehouse.bench.load;

import dev.gatehouse.bench.SessionSeeder;
import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.testservices.Files2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load suite: starts the packaged server as a user would, registers an account and clients,
 * runs every workload at saturation and the cheap ones again at a fixed offered rate, and writes the
 * medians of several runs as a table and a chart into {@code docs/load/}.
 *
 * <p>Run through {@code ./gatehouse-bench} at the repository's root ({@code --help} for the options).
 * Rate limits are off: the suite measures the work, not the limits.
 */
public final class LoadSuite {
    private static final String PASSWORD = "purple elephants dance quietly";

    /** One hash's time, measured at the start of the run under way (the flood offers five ceilings). */
    private static double hashMillis;

    /** The server's Argon2id parameters: its default, or what this environment (which the server inherits) sets. */
    static final Argon2Parameters SERVER_HASHING = new Argon2Parameters(
            intFromEnvironment("GATEHOUSE_ARGON2_MEMORY_KIB", Argon2Parameters.DEFAULT.memoryKib()),
            intFromEnvironment("GATEHOUSE_ARGON2_ITERATIONS", Argon2Parameters.DEFAULT.iterations()),
            intFromEnvironment("GATEHOUSE_ARGON2_PARALLELISM", Argon2Parameters.DEFAULT.parallelism()));

    /** Hashes a second with one hash a core at once, measured with {@link #hashMillis}. */
    private static double parallelHashesPerSecond;

    private LoadSuite() {}

    record Options(
            int runs,
            Duration warmUp,
            Duration loginWarmUp,
            Duration length,
            double openRate,
            int storedSessions,
            List<String> only,
            Path out) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help")) {
                    System.out.println(
                            "gatehouse-bench [--runs 3] [--seconds 20] [--warmup 15] [--login-warmup 90] [--open-rate 2000]"
                                    + " [--stored-sessions 100000] [--only refresh,me-bearer,flood,beside-flood,...] [--out docs/load]");
                    System.exit(0);
                }
                values.put(args[i].replaceFirst("^--", ""), i + 1 < args.length ? args[++i] : "");
            }
            return new Options(
                    Integer.parseInt(values.getOrDefault("runs", "3")),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup", "15"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("login-warmup", "90"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("seconds", "20"))),
                    Double.parseDouble(values.getOrDefault("open-rate", "2000")),
                    Integer.parseInt(values.getOrDefault("stored-sessions", "100000")),
                    values.containsKey("only")
                            ? Arrays.asList(values.get("only").split(","))
                            : List.of(),
                    Path.of(values.getOrDefault("out", "docs/load")));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path repository = Path.of("").toAbsolutePath();
        List<Workload> workloads = Workloads.all().stream()
                .filter(w -> options.only().isEmpty() || options.only().contains(w.name()))
                .toList();
        int cores = Runtime.getRuntime().availableProcessors();
        List<List<Result>> runs = new ArrayList<>();
        List<Double> hashMillisPerRun = new ArrayList<>();
        List<Double> parallelHashesPerRun = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            System.out.println("== run " + run + " of " + options.runs());
            runs.add(oneRun(repository, workloads, options, cores));
            hashMillisPerRun.add(hashMillis);
            parallelHashesPerRun.add(parallelHashesPerSecond);
        }
        String report = Report.markdown(runs, hashMillisPerRun, parallelHashesPerRun, cores, options);
        System.out.println(report);
        Files.createDirectories(options.out());
        Files.writeString(options.out().resolve("latest.md"), report);
        Files.writeString(options.out().resolve("latest-p99.svg"), Report.p99Chart(Report.medians(runs)));
        System.out.println("written: " + options.out().resolve("latest.md") + ", "
                + options.out().resolve("latest-p99.svg"));
    }

    private static List<Result> oneRun(Path repository, List<Workload> workloads, Options options, int cores)
            throws Exception {
        Path scratch = Files.createTempDirectory("gatehouse-bench");
        Map<String, String> environment = Map.of(
                "GATEHOUSE_RATE_LIMITS", "off",
                "GATEHOUSE_REGISTRATION", "open",
                "GATEHOUSE_REQUIRE_VERIFIED_EMAIL", "off");
        List<Result> results = new ArrayList<>();
        // Until the run ends well: a run that stopped on an exception keeps its server's log too.
        boolean keepServerLog = true;
        try (ServerUnderTest server = ServerUnderTest.start(repository, scratch.resolve("data"), environment)) {
            Target target = register(server);
            storeSessions(server, scratch.resolve("data"), options.storedSessions());
            // The ceiling is measured in every run, while the server idles just before the first login
            // workload, and again right after the last; the figure is the mean of the two. On a shared
            // machine one hash took 30 ms in one run and 43 ms in the next, and 22 ms at the start of a
            // run and 36 ms two minutes later, so a ceiling taken once for all runs, or only before the
            // logins, made their ratio to it mostly noise.
            HashCeiling before = null;
            HashCeiling ceiling = null;
            String lastLogin = workloads.stream()
                    .map(Workload::name)
                    .filter(name -> name.endsWith("-login"))
                    .reduce((first, second) -> second)
                    .orElse("");
            boolean loginsWarm = false;
            for (Workload workload : workloads) {
                // The first login workload warms up longer: at 60-70 logins a second, the code around the
                // hash is run too seldom for the JIT to have finished after 15 s. Measured so, a token
                // login spent 3.2 ms of CPU in the JIT compilers and 3.1 ms in request threads still
                // running profiled code; after 120 s, 0.5 and 1.6 ms (docs/benchmarks.md).
                Duration warmUp = options.warmUp();
                if (workload.name().endsWith("-login") && !loginsWarm) {
                    warmUp = max(warmUp, options.loginWarmUp());
                    loginsWarm = true;
                    before = HashCeiling.measureInFreshJvms();
                    printCeiling("before the logins", before, cores);
                    ceiling = before;
                }
                Result result =
                        LoadRun.closedLoop(workload, target, server, workload.connections(), warmUp, options.length());
                print(result);
                results.add(result);
                if (workload.name().equals(lastLogin)) {
                    HashCeiling after = HashCeiling.measureInFreshJvms();
                    printCeiling("after the logins", after, cores);
                    ceiling = before.meanWith(after);
                }
            }
            if (ceiling == null) {
                // No login workload ran (--only); the login flood below still offers a multiple of it.
                ceiling = HashCeiling.measureInFreshJvms();
                printCeiling("after the workloads", ceiling, cores);
            }
            hashMillis = ceiling.hashMillis();
            parallelHashesPerSecond = ceiling.parallelHashesPerSecond();
            if (options.only().isEmpty() || options.only().contains("flood")) {
                results.add(meWhileLoginsFlood(Workloads.all(), target, server, options));
            }
            if (options.only().isEmpty() || options.only().contains("beside-flood")) {
                results.add(lightClientBesideFlood(Workloads.all(), target, server, options));
            }
            for (Workload workload : workloads) {
                if (List.of("me-cookie", "me-bearer", "introspection", "client-credentials")
                        .contains(workload.name())) {
                    Result result = LoadRun.openLoop(
                            workload, target, server, 32, options.openRate(), options.warmUp(), options.length());
                    print(result);
                    results.add(result);
                }
            }
            keepServerLog = results.stream().anyMatch(r -> r.errors() > 0);
        } finally {
            if (keepServerLog) {
                keepServerLog(scratch.resolve("server.log"));
            }
            Files2.deleteRecursively(scratch);
        }
        return results;
    }

    /**
     * Copies the server's log out of the run's scratch directory, which goes at the end of the run, and
     * says where: when requests failed, the cause is in there. Not kept otherwise, as it holds an audit
     * line for every login and refresh (tens of megabytes a run).
     */
    private static void keepServerLog(Path log) {
        try {
            if (Files.exists(log)) {
                Path kept = Files.createTempFile("gatehouse-bench-server-", ".log");
                Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("requests failed or the run stopped; the server's log is kept in " + kept);
            }
        } catch (IOException e) {
            System.out.println("could not keep the server's log: " + e.getMessage());
        }
    }

    /**
     * {@code GET /v1/me} by bearer at 200 a second while token logins are offered at five times the hash
     * ceiling: the bounded hashing pool must refuse the excess fast and leave the rest of the server alone.
     */
    private static Result meWhileLoginsFlood(
            List<Workload> workloads, Target target, ServerUnderTest server, Options options) throws Exception {
        double ceiling = Runtime.getRuntime().availableProcessors() * 1000 / hashMillis;
        // Each flooding connection signs in to an account of its own, as token-login's do, never to the
        // one /v1/me reads: there, the flood's 1,000-odd sessions went over the 1,000 an account keeps,
        // and the least recently used ones ended, those of /v1/me (401s counted as errors).
        // 48 + the 8 below stay under the server's 64 connections per address: with 64 here, the
        // connections that came last were refused and counted as /v1/me errors.
        var flood = inBackground(() -> LoadRun.openLoop(
                find(workloads, "token-login"), target, server, 48, 5 * ceiling, options.warmUp(), options.length()));
        Result result = LoadRun.openLoop(
                find(workloads, "me-bearer"), target, server, 8, 200, options.warmUp(), options.length());
        print(flood.join());
        return printed(result.named("me-bearer during a login flood"));
    }

    /**
     * One light client ({@code /health/live} every 10 ms on one connection) while another floods
     * client credentials over 32 connections as fast as they are answered: a client that asks little
     * must not wait behind one that asks all the server has. Found by an outside test: with connections
     * that yielded their turn, the light client's p99 was 0.3-0.7 s.
     */
    private static Result lightClientBesideFlood(
            List<Workload> workloads, Target target, ServerUnderTest server, Options options) throws Exception {
        var flood = inBackground(() -> LoadRun.closedLoop(
                find(workloads, "client-credentials"), target, server, 32, options.warmUp(), options.length()));
        Result result = LoadRun.paced(
                find(workloads, "noop"), target, server, Duration.ofMillis(10), options.warmUp(), options.length());
        print(flood.join());
        return printed(result.named("noop beside a client-credentials flood"));
    }

    private interface Load {
        Result run() throws Exception;
    }

    private static java.util.concurrent.CompletableFuture<Result> inBackground(Load load) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return load.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Result printed(Result result) {
        print(result);
        return result;
    }

    /**
     * Fills the store with other accounts' live sessions before any workload, so that look-ups, caches
     * and the memory figure are those of a server with a real deployment's sessions rather than an empty
     * table. Spread over accounts of at most 1,000 sessions each, the most one account keeps.
     */
    private static void storeSessions(ServerUnderTest server, Path dataDirectory, int count) throws Exception {
        if (count == 0) {
            return;
        }
        long started = System.nanoTime();
        int perAccount = 1_000;
        int accounts = (count + perAccount - 1) / perAccount;
        List<String> emails = new ArrayList<>();
        try (HttpConnection connection = new HttpConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < accounts; i++) {
                String email = "stored-" + i + "@example.com";
                Target.expect200(
                        connection,
                        Request.post("/v1/accounts")
                                .json("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                                .bytes("127.0.0.1:" + server.port()));
                emails.add(email);
            }
        }
        String url = "jdbc:sqlite:" + dataDirectory.resolve("gatehouse.db") + "?busy_timeout=10000";
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
                var query = connection.prepareStatement("SELECT id FROM accounts WHERE email = ?")) {
            int left = count;
            for (String email : emails) {
                query.setString(1, email);
                String account;
                try (var rows = query.executeQuery()) {
                    rows.next();
                    account = rows.getString(1);
                }
                SessionSeeder.seed(connection, account, Math.min(perAccount, left), 0);
                left -= perAccount;
            }
        }
        System.out.printf(
                "stored %,d live sessions of %d other accounts in %.1f s%n",
                count, accounts, (System.nanoTime() - started) / 1e9);
    }

    private static Workload find(List<Workload> workloads, String name) {
        return workloads.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** Signs up {@code email} with the suite's password; returns it. */
    private static String registerAccount(ServerUnderTest server, String email) throws IOException {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", server.port())) {
            Target.expect200(
                    connection,
                    Request.post("/v1/accounts")
                            .json("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                            .bytes("127.0.0.1:" + server.port()));
        }
        return email;
    }

    private static Target register(ServerUnderTest server) throws IOException, InterruptedException {
        String email = registerAccount(server, "load@example.com");
        server.cli("clients", "create", "--id", "bench-app", "--type", "first-party", "--audience", "bench-api");
        String service = server.cli("clients", "create", "--id", "bench-service", "--type", "confidential");
        String resource = server.cli(
                "clients", "create", "--id", "bench-api", "--type", "resource-server", "--audience", "bench-api");
        return new Target(
                "127.0.0.1",
                server.port(),
                email,
                PASSWORD,
                "bench-app",
                "bench-service",
                secret(service),
                "bench-api",
                secret(resource),
                "bench-api");
    }

    private static String secret(String cliOutput) {
        Matcher matcher = Pattern.compile("client_secret: (\\S+)").matcher(cliOutput);
        if (!matcher.find()) {
            throw new IllegalStateException("no secret in: " + cliOutput);
        }
        return matcher.group(1);
    }

    private static int intFromEnvironment(String name, int otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    private static void printCeiling(String when, HashCeiling ceiling, int cores) {
        System.out.printf(
                "%s, one Argon2id hash: %.1f ms; hash ceiling %.1f logins/s on %d cores; %d hashes at once: %.1f/s%n",
                when,
                ceiling.hashMillis(),
                cores * 1000 / ceiling.hashMillis(),
                cores,
                cores,
                ceiling.parallelHashesPerSecond());
    }

    private static void print(Result r) {
        System.out.printf(
                "%-19s %-11s %3d conn  %9.0f ops/s  p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.1f ms  errors %d  cpu %.3f ms/op  rss %d MB%n",
                r.workload(),
                r.mode(),
                r.connections(),
                r.throughput(),
                r.p50(),
                r.p99(),
                r.p999(),
                r.max(),
                r.errors(),
                r.serverCpuMsPerOp(),
                r.serverRssMb());
        if (r.serverCpuMsPerOpByPart().getOrDefault(ServerCpu.Part.HASHING, 0.0) > 0) {
            StringBuilder parts = new StringBuilder("  cpu ms/op by thread:");
            for (ServerCpu.Part part : ServerCpu.Part.values()) {
                parts.append(String.format(
                        Locale.ROOT,
                        " %s %.2f",
                        part.label(),
                        r.serverCpuMsPerOpByPart().getOrDefault(part, 0.0)));
            }
            System.out.println(parts);
        }
    }

    static double median(List<Result> results, ToDoubleFunction<Result> value) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    static String today() {
        return LocalDate.now().toString();
    }
}
