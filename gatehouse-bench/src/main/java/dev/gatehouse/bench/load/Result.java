package dev.gatehouse.bench.load;

import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measured run: throughput, latency percentiles (ms), errors, and what the server spent — CPU
 * per operation (ms of both cores' time), in all and by what the server's threads do, and its
 * resident memory at the end.
 */
record Result(
        String workload,
        String mode,
        int connections,
        long operations,
        long errors,
        double seconds,
        double p50,
        double p99,
        double p999,
        double max,
        double serverCpuMsPerOp,
        Map<ServerCpu.Part, Double> serverCpuMsPerOpByPart,
        long serverRssMb) {

    static Result of(
            String workload,
            String mode,
            int connections,
            Histogram latenciesMicros,
            long errors,
            double seconds,
            double serverCpuSeconds,
            Map<ServerCpu.Part, Double> serverCpuSecondsByPart,
            long rssMb) {
        long operations = latenciesMicros.getTotalCount();
        Map<ServerCpu.Part, Double> msPerOpByPart = new EnumMap<>(ServerCpu.Part.class);
        serverCpuSecondsByPart.forEach(
                (part, spent) -> msPerOpByPart.put(part, operations == 0 ? 0 : spent * 1000.0 / operations));
        return new Result(
                workload,
                mode,
                connections,
                operations,
                errors,
                seconds,
                latenciesMicros.getValueAtPercentile(50) / 1000.0,
                latenciesMicros.getValueAtPercentile(99) / 1000.0,
                latenciesMicros.getValueAtPercentile(99.9) / 1000.0,
                latenciesMicros.getMaxValue() / 1000.0,
                operations == 0 ? 0 : serverCpuSeconds * 1000.0 / operations,
                Map.copyOf(msPerOpByPart),
                rssMb);
    }

    /** The same measurement under another name (a workload measured beside another one). */
    Result named(String name) {
        return new Result(
                name,
                mode,
                connections,
                operations,
                errors,
                seconds,
                p50,
                p99,
                p999,
                max,
                serverCpuMsPerOp,
                serverCpuMsPerOpByPart,
                serverRssMb);
    }

    double throughput() {
        return operations / seconds;
    }
}
