package dev.gatehouse.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The ES256 verifier against the bare Bouncy Castle check, measured as pairs. This machine's speed
 * drifts over minutes by more than the gap being measured, so running one benchmark's forks and then
 * the other's compares two different machines. Here each pair runs one fork of each back to back, the
 * order alternating (ABBA) so that a steady drift favours neither, and the verdict is the median of the
 * per-pair ratios. Run:
 * {@code java -cp gatehouse-bench/target/benchmarks.jar dev.gatehouse.bench.VerifierRatioRun [pairs]}.
 */
public final class VerifierRatioRun {
    private static final String VERIFIER = VerifierBenchmark.class.getName() + ".verifyFreshToken";
    private static final String BARE = VerifierBenchmark.class.getName() + ".bareBouncyCastleEs256Check";

    private VerifierRatioRun() {}

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        List<Double> ratios = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            boolean verifierFirst = pair % 2 == 1;
            double first = opsPerSecond(verifierFirst ? VERIFIER : BARE);
            double second = opsPerSecond(verifierFirst ? BARE : VERIFIER);
            double verifier = verifierFirst ? first : second;
            double bare = verifierFirst ? second : first;
            ratios.add(verifier / bare);
            System.out.printf(
                    "pair %d (%s first): verifier %,.0f ops/s, bare Bouncy Castle %,.0f ops/s, ratio %.3f%n",
                    pair, verifierFirst ? "verifier" : "bare", verifier, bare, verifier / bare);
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf(
                "ES256 verifier / bare Bouncy Castle over %d pairs: median %.3f, min %.3f, max %.3f%n",
                pairs, median(sorted), sorted.getFirst(), sorted.getLast());
    }

    private static double opsPerSecond(String benchmark) throws Exception {
        Options options = new OptionsBuilder()
                .include("^" + benchmark.replace(".", "\\.") + "$")
                .param("algorithm", "ES256")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result for " + benchmark + ", got " + results.size());
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
