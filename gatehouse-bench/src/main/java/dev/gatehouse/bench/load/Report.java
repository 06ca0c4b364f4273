package dev.gatehouse.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The suite's output: a markdown table of medians over runs, and a chart of the tails. */
final class Report {
    private Report() {}

    /** Per workload and mode, the results of every run. */
    static Map<String, List<Result>> byWorkload(List<List<Result>> runs) {
        Map<String, List<Result>> grouped = new LinkedHashMap<>();
        for (List<Result> run : runs) {
            for (Result result : run) {
                grouped.computeIfAbsent(result.workload() + " · " + result.mode(), k -> new ArrayList<>())
                        .add(result);
            }
        }
        return grouped;
    }

    /** The median of each column over the runs, per workload and mode. */
    static List<Result> medians(List<List<Result>> runs) {
        List<Result> medians = new ArrayList<>();
        byWorkload(runs)
                .forEach((key, results) -> medians.add(new Result(
                        results.getFirst().workload(),
                        results.getFirst().mode(),
                        results.getFirst().connections(),
                        (long) LoadSuite.median(results, r -> r.operations()),
                        (long) LoadSuite.median(results, r -> r.errors()),
                        results.getFirst().seconds(),
                        LoadSuite.median(results, Result::p50),
                        LoadSuite.median(results, Result::p99),
                        LoadSuite.median(results, Result::p999),
                        LoadSuite.median(results, Result::max),
                        LoadSuite.median(results, Result::serverCpuMsPerOp),
                        medianByPart(results),
                        (long) LoadSuite.median(results, r -> r.serverRssMb()))));
        return medians;
    }

    private static Map<ServerCpu.Part, Double> medianByPart(List<Result> results) {
        Map<ServerCpu.Part, Double> medians = new java.util.EnumMap<>(ServerCpu.Part.class);
        for (ServerCpu.Part part : ServerCpu.Part.values()) {
            medians.put(
                    part,
                    LoadSuite.median(results, r -> r.serverCpuMsPerOpByPart().getOrDefault(part, 0.0)));
        }
        return medians;
    }

    static String markdown(
            List<List<Result>> runs,
            List<Double> hashMillisPerRun,
            List<Double> parallelHashesPerRun,
            int cores,
            LoadSuite.Options options) {
        double hashMillis = median(hashMillisPerRun);
        StringBuilder out = new StringBuilder();
        out.append("# Load suite results\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%s, %s, %d cores, %s %s; %d runs of %d s after %d s warm-up each (the first login workload %d s),"
                                + " medians over runs"
                                + " (per-run values in brackets). Rate limits off; %,d other live sessions stored."
                                + " Written by `gatehouse-bench/run`.%n%n",
                        LoadSuite.today(),
                        System.getProperty("os.name") + " " + System.getProperty("os.version"),
                        cores,
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version"),
                        runs.size(),
                        options.length().toSeconds(),
                        options.warmUp().toSeconds(),
                        Math.max(
                                options.warmUp().toSeconds(),
                                options.loginWarmUp().toSeconds()),
                        options.storedSessions()))
                .append(String.format(
                        Locale.ROOT,
                        "One Argon2id hash (m=%d KiB, t=%d, p=%d) took %.1f ms here %s: the hash ceiling (cores ÷ one"
                                + " hash's time) is %.1f logins/s.%s%n%n",
                        LoadSuite.SERVER_HASHING.memoryKib(),
                        LoadSuite.SERVER_HASHING.iterations(),
                        LoadSuite.SERVER_HASHING.parallelism(),
                        hashMillis,
                        perRun(
                                hashMillisPerRun,
                                "%.1f",
                                "each run's mean of just before its logins and right after them, each the median of three fresh JVMs hashing nothing else"),
                        cores * 1000 / hashMillis,
                        tokenLogins(
                                runs,
                                hashMillisPerRun.stream()
                                        .map(h -> cores * 1000 / h)
                                        .toList(),
                                "the ceiling")))
                .append(String.format(
                        Locale.ROOT,
                        "With %d hashes at once (one a core, as the hashing pool runs them) fresh JVMs hashed"
                                + " %.1f/s %s, %.2f of the ceiling: hashes side by side share the caches and the"
                                + " memory bus.%s%n%n",
                        cores,
                        median(parallelHashesPerRun),
                        perRun(parallelHashesPerRun, "%.1f", "each run"),
                        median(parallelHashesPerRun) / (cores * 1000 / hashMillis),
                        tokenLogins(runs, parallelHashesPerRun, "that")))
                .append(loginCpu(runs, hashMillisPerRun, cores))
                .append(
                        "| workload | mode | conn | ops/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | server CPU ms/op | RSS MB |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        byWorkload(runs).forEach((key, results) -> {
            Result first = results.getFirst();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    first.workload(),
                    first.mode(),
                    first.connections(),
                    cell(results, Result::throughput, "%.0f"),
                    cell(results, Result::p50, "%.2f"),
                    cell(results, Result::p99, "%.2f"),
                    cell(results, Result::p999, "%.2f"),
                    cell(results, Result::max, "%.1f"),
                    cell(results, r -> r.errors(), "%.0f"),
                    cell(results, Result::serverCpuMsPerOp, "%.3f"),
                    cell(results, r -> r.serverRssMb(), "%.0f")));
        });
        out.append("\n![p99 latency per workload](latest-p99.svg)\n");
        return out.toString();
    }

    /**
     * " Token logins reached 0.91 of the ceiling (0.90, 0.91, 0.93), each run against its own.": each
     * run's closed-loop token logins a second over that run's {@code rates}; empty when a run has none.
     */
    private static String tokenLogins(List<List<Result>> runs, List<Double> rates, String against) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            double rate = rates.get(i);
            runs.get(i).stream()
                    .filter(r -> r.workload().equals("token-login") && r.mode().equals("closed"))
                    .findFirst()
                    .ifPresent(r -> ratios.add(r.throughput() / rate));
        }
        if (ratios.size() != runs.size()) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                " Token logins reached %.2f of %s %s.",
                median(ratios),
                against,
                perRun(ratios, "%.2f", "each run against its own"));
    }

    /**
     * Where the server's CPU went in each login workload, and the three factors its logins' ratio to the
     * ceiling is the product of: the cores it kept busy, the hash's time alone over its time on the
     * server's hashing threads, and the hash's share of a login's CPU. Empty without login workloads.
     */
    static String loginCpu(List<List<Result>> runs, List<Double> hashMillisPerRun, int cores) {
        StringBuilder out = new StringBuilder();
        byWorkload(runs).forEach((key, results) -> {
            Result first = results.getFirst();
            if (!first.workload().endsWith("-login") || !first.mode().equals("closed")) {
                return;
            }
            StringBuilder parts = new StringBuilder();
            for (ServerCpu.Part part : ServerCpu.Part.values()) {
                parts.append(parts.isEmpty() ? "" : ", ")
                        .append(part.label())
                        .append(' ')
                        .append(cell(results, r -> r.serverCpuMsPerOpByPart().getOrDefault(part, 0.0), "%.1f"));
            }
            List<Double> busy = new ArrayList<>();
            List<Double> hashSlowdown = new ArrayList<>();
            List<Double> hashShare = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                double hashing = r.serverCpuMsPerOpByPart().getOrDefault(ServerCpu.Part.HASHING, 0.0);
                busy.add(r.throughput() * r.serverCpuMsPerOp() / 1000 / cores);
                hashSlowdown.add(hashMillisPerRun.get(i) / hashing);
                hashShare.add(hashing / r.serverCpuMsPerOp());
            }
            out.append(String.format(
                    Locale.ROOT,
                    "A %s cost the server %.1f ms of CPU, by what its threads do: %s. Its ratio to the ceiling is"
                            + " the product of the cores kept busy, %.2f %s; one hash's time alone over its CPU time"
                            + " on the server's hashing threads, %.2f %s; and the hash's share of a login's CPU,"
                            + " %.2f %s.%n%n",
                    first.workload().replace('-', ' '),
                    LoadSuite.median(results, Result::serverCpuMsPerOp),
                    parts,
                    median(busy),
                    perRun(busy, "%.2f", "each run"),
                    median(hashSlowdown),
                    perRun(hashSlowdown, "%.2f", "each run against its own"),
                    median(hashShare),
                    perRun(hashShare, "%.2f", "each run")));
        });
        return out.toString();
    }

    private static String perRun(List<Double> values, String format, String what) {
        if (values.size() < 2) {
            return "(" + what + ")";
        }
        StringBuilder out = new StringBuilder("(");
        for (double value : values) {
            out.append(String.format(Locale.ROOT, format, value)).append(", ");
        }
        return out.append(what).append(')').toString();
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String cell(List<Result> results, java.util.function.ToDoubleFunction<Result> value, String format) {
        StringBuilder cell = new StringBuilder(String.format(Locale.ROOT, format, LoadSuite.median(results, value)));
        if (results.size() > 1) {
            cell.append(" (");
            for (int i = 0; i < results.size(); i++) {
                cell.append(i == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, format, value.applyAsDouble(results.get(i))));
            }
            cell.append(')');
        }
        return cell.toString();
    }

    /** A horizontal bar chart of p99 (log scale, ms) per workload and mode, as a small SVG. */
    static String p99Chart(List<Result> medians) {
        int rowHeight = 22;
        int labelWidth = 260;
        int barWidth = 420;
        int height = 40 + rowHeight * medians.size();
        double maxLog = Math.log10(10_000); // 10 s
        double minLog = Math.log10(0.1);
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"8\" y=\"16\" font-weight=\"bold\">p99 latency, ms (log scale; 0.1 ms to 10 s)</text>%n",
                labelWidth + barWidth + 80,
                height));
        for (double tick : new double[] {1, 10, 100, 1000}) {
            double x = labelWidth + barWidth * (Math.log10(tick) - minLog) / (maxLog - minLog);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"24\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%d\" fill=\"#777\">%s</text>%n",
                    x,
                    x,
                    height - 14,
                    x + 2,
                    height - 4,
                    tick >= 1000 ? "1 s" : (long) tick + " ms"));
        }
        int y = 30;
        for (Result r : medians) {
            double value = Math.max(r.p99(), 0.1);
            double width = barWidth * (Math.log10(value) - minLog) / (maxLog - minLog);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"8\" y=\"%d\">%s · %s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\">%.2f</text>%n",
                    y + 11,
                    escape(r.workload()),
                    escape(r.mode()),
                    labelWidth,
                    y,
                    width,
                    r.mode().startsWith("open") ? "#7aa6d6" : "#2f6db5",
                    labelWidth + width + 4,
                    y + 11,
                    r.p99()));
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
