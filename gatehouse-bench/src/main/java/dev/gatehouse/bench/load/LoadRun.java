package dev.gatehouse.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one workload over its own connections, in one of three modes.
 *
 * <p><b>Closed loop</b> (saturation): each connection sends its next request as soon as the last is
 * answered; throughput is what the server manages, latency is per request. Two threads drive all the
 * connections, each over a selector ({@link ConnectionLoop}), as {@code wrk} does.
 *
 * <p><b>Open loop</b> (a fixed offered rate): each connection sends on a schedule whatever the
 * answers do, and a request's latency counts from when it was due, not from when it went out, so a
 * stall is charged to every request it delayed (the correction for coordinated omission).
 *
 * <p><b>Paced</b> (a light client): each connection pauses a fixed time after each answer, and a
 * request's latency is its own, from sending to the answer. One slow answer then counts once, as
 * it would for a person at a browser, instead of delaying every later request of a single connection.
 * In these two modes each connection has a thread of its own, which waits for its schedule.
 */
final class LoadRun {
    private static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1000;

    /** Threads driving a closed loop's connections: {@code wrk}'s default, as in the runs. */
    private static final int LOOP_THREADS = 2;

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

    /** The measured part of a run, by {@link System#nanoTime()}: requests started in it are counted. */
    record Window(long start, long end) {}

    /** The failures of a run's timed requests, by what they were (a status, a refused connection). */
    static final class Errors {
        private final AtomicLong count = new AtomicLong();
        private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();

        void add(String failure) {
            count.incrementAndGet();
            kinds.computeIfAbsent(failure, kind -> new LongAdder()).increment();
        }

        long count() {
            return count.get();
        }
    }

    /** A latency in microseconds for the histograms, capped at their highest value. */
    static long micros(long nanos) {
        return Math.min(nanos / 1000, HIGHEST_MICROS);
    }

    private record Prepared(HttpConnection connection, Workload.Caller caller) {}

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
        List<Prepared> prepared = prepare(workload, target, connections);
        long now = System.nanoTime();
        Window window = new Window(now + warmUp.toNanos(), now + warmUp.toNanos() + length.toNanos());
        Errors errors = new Errors();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        if (perSecond == 0 && pause.isZero()) {
            List<ConnectionLoop> loops = new ArrayList<>();
            for (int i = 0; i < Math.min(LOOP_THREADS, connections); i++) {
                Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
                histograms.add(histogram);
                loops.add(new ConnectionLoop(histogram, window, errors));
            }
            for (int i = 0; i < prepared.size(); i++) {
                loops.get(i % loops.size())
                        .add(prepared.get(i).connection(), prepared.get(i).caller());
            }
            for (int i = 0; i < loops.size(); i++) {
                threads.add(Thread.ofPlatform().name("load-loop-" + i).start(loops.get(i)));
            }
        } else {
            for (int i = 0; i < prepared.size(); i++) {
                Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
                histograms.add(histogram);
                Prepared one = prepared.get(i);
                // Spread the connections' schedules over one interval, so they do not send in step.
                long interval = perSecond > 0 ? (long) (connections * 1e9 / perSecond) : 0;
                long firstDue = now + interval * i / connections;
                threads.add(Thread.ofPlatform()
                        .name("load-" + i)
                        .start(() -> onSchedule(one, histogram, window, errors, firstDue, interval, pause)));
            }
        }
        Thread.sleep(Math.max(0, (window.start() - System.nanoTime()) / 1_000_000));
        ServerCpu cpuBefore = server.cpu();
        Thread.sleep(Math.max(0, (window.end() - System.nanoTime()) / 1_000_000));
        ServerCpu cpuAfter = server.cpu();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(70));
        }
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        histograms.forEach(all::add);
        errors.kinds.forEach(
                (kind, count) -> System.out.printf("  %s: %d error(s): %s%n", workload.name(), count.sum(), kind));
        return Result.of(
                workload.name(),
                perSecond > 0
                        ? "open " + (long) perSecond + "/s"
                        : pause.isPositive() ? "every " + pause.toMillis() + " ms" : "closed",
                connections,
                all,
                errors.count(),
                length.toNanos() / 1e9,
                cpuAfter.totalSeconds() - cpuBefore.totalSeconds(),
                cpuAfter.since(cpuBefore),
                server.residentMegabytes());
    }

    /**
     * Opens the connections and makes each one's state (logins, sign-ups) at once, before the clock
     * starts: a login waits for its hash, and 32 of them one after another would take seconds.
     */
    private static List<Prepared> prepare(Workload workload, Target target, int connections) throws Exception {
        List<Prepared> prepared = new ArrayList<>();
        List<Future<Prepared>> pending = new ArrayList<>();
        try (ExecutorService setUp = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("load-set-up-", 0).factory())) {
            for (int i = 0; i < connections; i++) {
                pending.add(setUp.submit(() -> {
                    HttpConnection connection = new HttpConnection(target.host(), target.port());
                    try {
                        return new Prepared(connection, workload.caller(target, connection));
                    } catch (IOException | RuntimeException e) {
                        connection.close();
                        throw e;
                    }
                }));
            }
        }
        Exception failure = null;
        for (Future<Prepared> one : pending) {
            try {
                prepared.add(one.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            prepared.forEach(p -> p.connection().close());
            throw new IllegalStateException(workload.name() + ": set-up failed", failure.getCause());
        }
        return prepared;
    }

    /**
     * One connection on a thread of its own, sending on a schedule (open loop: every {@code interval}
     * from {@code due}, latency counted from when each request was due) or after a pause (paced). These
     * modes keep their threads: they need timing finer than a selector's millisecond.
     */
    private static void onSchedule(
            Prepared prepared,
            Histogram histogram,
            Window window,
            Errors errors,
            long due,
            long interval,
            Duration pause) {
        try (HttpConnection connection = prepared.connection()) {
            Workload.Caller caller = prepared.caller();
            while (true) {
                if (pause.isPositive()) {
                    Thread.sleep(pause);
                }
                byte[] request = caller.next();
                if (!caller.timed()) {
                    // A request preparing the next (revocation's token): neither timed nor on the schedule.
                    caller.accept(Target.expect200(connection, request));
                    continue;
                }
                long start = System.nanoTime();
                if (interval > 0) {
                    while (start < due) {
                        LockSupport.parkNanos(due - start);
                        start = System.nanoTime();
                    }
                    start = due; // latency from when it was due
                    due += interval;
                }
                if (start >= window.end()) {
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
                if (start >= window.start()) {
                    if (failure == null) {
                        histogram.recordValue(micros(System.nanoTime() - start));
                    } else {
                        errors.add(failure);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
