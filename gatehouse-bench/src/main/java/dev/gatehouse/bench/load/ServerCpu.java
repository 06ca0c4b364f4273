package dev.gatehouse.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server's CPU time so far, in all and by what its threads do, read from {@code /proc} (Linux). A
 * login's CPU split this way says why logins fall short of the hash ceiling: a hash slower in the
 * server than alone, or the work around it. The JVM gives each thread its Java name, cut to 15
 * characters, as the operating system's name, so a thread is told by its name's start.
 *
 * @param totalSeconds user plus system time of the whole process, threads that ended included
 * @param secondsByThread each live thread's time, by thread id, with what it does
 */
record ServerCpu(double totalSeconds, Map<Long, ThreadTime> secondsByThread) {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** What a thread of the server does. */
    enum Part {
        HASHING("hashing"),
        REQUESTS("requests"),
        GROUP_COMMIT("group commit"),
        JIT("JIT compilers"),
        COLLECTOR("collector"),
        OTHER("other");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        /** Tells a thread by the start of its name, as {@code /proc/…/task/…/comm} gives it. */
        static Part of(String threadName) {
            if (threadName.startsWith("gatehouse-hashi")) {
                return HASHING;
            }
            // Virtual threads run on the ForkJoinPool's carriers: every request's own work.
            if (threadName.startsWith("ForkJoinPool-")) {
                return REQUESTS;
            }
            if (threadName.startsWith("gatehouse-group")) {
                return GROUP_COMMIT;
            }
            if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            // The serial collector collects on the VM thread; the others have threads of their own.
            if (threadName.equals("VM Thread") || threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return COLLECTOR;
            }
            return OTHER;
        }
    }

    record ThreadTime(Part part, double seconds) {}

    static ServerCpu of(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Map<Long, ThreadTime> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    threads.put(
                            Long.parseLong(task.getFileName().toString()),
                            new ThreadTime(Part.of(nameIn(stat)), cpuSecondsIn(stat)));
                } catch (NoSuchFileException ended) {
                    // the thread ended while the list was read: its time is in the process's total
                }
            }
            return new ServerCpu(cpuSecondsIn(Files.readString(process.resolve("stat"))), Map.copyOf(threads));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name between the parentheses of a {@code stat} line; it may hold spaces and parentheses. */
    static String nameIn(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** User plus system time of a {@code stat} line: fields 14 and 15, counted after the name. */
    static double cpuSecondsIn(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * The time spent since {@code earlier}, by part. A thread that started since counts whole; one that
     * ended since is missing from the parts, so its time (and anything else not told apart) is OTHER:
     * the total less the parts told apart.
     */
    Map<Part, Double> since(ServerCpu earlier) {
        Map<Part, Double> spent = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            spent.put(part, 0.0);
        }
        double toldApart = 0;
        for (var entry : secondsByThread.entrySet()) {
            ThreadTime now = entry.getValue();
            if (now.part() == Part.OTHER) {
                continue;
            }
            ThreadTime before = earlier.secondsByThread().get(entry.getKey());
            double seconds = now.seconds() - (before == null ? 0 : before.seconds());
            spent.merge(now.part(), seconds, Double::sum);
            toldApart += seconds;
        }
        spent.put(Part.OTHER, Math.max(0, totalSeconds - earlier.totalSeconds() - toldApart));
        return spent;
    }
}
