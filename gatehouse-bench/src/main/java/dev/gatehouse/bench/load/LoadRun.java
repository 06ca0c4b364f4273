package dev.gatehouse.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one workload over its own connections, each on a platform thread, in one of two modes.
 *
 * <p><b>Closed loop</b> (saturation): each connection sends its next request as soon as the last is
 * answered; throughput is what the server manages, latency is per request.
 *
 * <p><b>Open loop</b> (a fixed offered rate): each connection sends on a schedule whatever the
 * answers do, and a request's latency counts from when it was due, not from when it went out, so a
 * stall is charged to every request it delayed (the correction for coordinated omission).
 *
 * <p><b>Paced</b> (a light client): each connection pauses a fixed time after each answer, and a
 * request's latency is its own, from sending to the answer. One slow answer then counts once, as
 * it would for a person at a browser, instead of delaying every later request of a single connection.
 */
final class LoadRun {
    private static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

    private LoadRun() {}

    static Result closedLoop(
            Workload workload, Target target, ServerUnderTest server, int connections, Duration warmUp, Duration length)
            throws Exception {
        return run(workload, target, server, connections, warmUp, length, 0, Duration.ZERO);
    }

    static Result paced(
            Workload workload, Target target, ServerUnderTest server, Duration pause, Duration warmUp, Duration length)
            throws Exception {
        return run(workload, target, server, 1, warmUp, length, 0, pause);
    }

    static Result openLoop(
            Workload workload,
            Target target,
            ServerUnderTest server,
            int connections,
            double perSecond,
            Duration warmUp,
            Duration length)
            throws Exception {
        return run(workload, target, server, connections, warmUp, length, perSecond, Duration.ZERO);
    }

    private static Result run(
            Workload workload,
            Target target,
            ServerUnderTest server,
            int connections,
            Duration warmUp,
            Duration length,
            double perSecond,
            Duration pause)
            throws Exception {
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        // What the errors were, so that a run with errors says why (a status, a refused connection).
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        CountDownLatch prepared = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // measured from, until (nanoTime)
        List<Thread> threads = new ArrayList<>();
        List<Throwable> setUpFailures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < connections; i++) {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            histograms.add(histogram);
            int index = i;
            Thread thread = Thread.ofPlatform().name("load-" + i).start(() -> {
                try (HttpConnection connection = new HttpConnection(target.host(), target.port())) {
                    Workload.Caller caller;
                    try {
                        caller = workload.caller(target, connection);
                    } catch (IOException | RuntimeException e) {
                        setUpFailures.add(e);
                        return;
                    } finally {
                        prepared.countDown();
                    }
                    go.await();
                    long interval = perSecond > 0 ? (long) (connections * 1e9 / perSecond) : 0;
                    // Spread the connections' schedules over one interval, so they do not send in step.
                    long due = window[0] - warmUp.toNanos() + interval * index / connections;
                    while (true) {
                        if (pause.isPositive()) {
                            Thread.sleep(pause);
                        }
                        byte[] request = caller.next();
                        long start = System.nanoTime();
                        if (interval > 0) {
                            while (start < due) {
                                LockSupport.parkNanos(due - start);
                                start = System.nanoTime();
                            }
                            start = due; // latency from when it was due
                            due += interval;
                        }
                        if (start >= window[1]) {
                            return;
                        }
                        String failure = null;
                        try {
                            HttpConnection.Response response = connection.exchange(request);
                            if (!caller.accept(response)) {
                                failure = "HTTP " + response.status();
                            }
                        } catch (IOException | RuntimeException e) {
                            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        long end = System.nanoTime();
                        if (start >= window[0]) {
                            if (failure == null) {
                                histogram.recordValue(Math.min((end - start) / 1000, HIGHEST_MICROS));
                            } else {
                                errors.incrementAndGet();
                                failures.computeIfAbsent(failure, kind -> new LongAdder())
                                        .increment();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
        }
        prepared.await();
        if (!setUpFailures.isEmpty()) {
            go.countDown();
            throw new IllegalStateException(workload.name() + ": set-up failed", setUpFailures.getFirst());
        }
        long now = System.nanoTime();
        window[0] = now + warmUp.toNanos();
        window[1] = window[0] + length.toNanos();
        go.countDown();
        Thread.sleep(Math.max(0, (window[0] - System.nanoTime()) / 1_000_000));
        ServerCpu cpuBefore = server.cpu();
        Thread.sleep(Math.max(0, (window[1] - System.nanoTime()) / 1_000_000));
        ServerCpu cpuAfter = server.cpu();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(all::add);
        failures.forEach(
                (kind, count) -> System.out.printf("  %s: %d error(s): %s%n", workload.name(), count.sum(), kind));
        return Result.of(
                workload.name(),
                perSecond > 0
                        ? "open " + (long) perSecond + "/s"
                        : pause.isPositive() ? "every " + pause.toMillis() + " ms" : "closed",
                connections,
                all,
                errors.get(),
                length.toNanos() / 1e9,
                cpuAfter.totalSeconds() - cpuBefore.totalSeconds(),
                cpuAfter.since(cpuBefore),
                server.residentMegabytes());
    }
}
