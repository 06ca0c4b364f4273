package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gatehouse.bench.load.ServerCpu.Part;
import dev.gatehouse.bench.load.ServerCpu.ThreadTime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerCpuTest {
    @Test
    void aStatLineGivesItsThreadNameEvenWithSpacesAndParenthesesAndItsUserPlusSystemTime() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194624 10 0 0 0 250 37 0 0 20 0 1 0";
        assertThat(ServerCpu.nameIn(stat)).isEqualTo("C2 CompilerThre");
        assertThat(ServerCpu.cpuSecondsIn(stat)).isCloseTo(2.87, within(1e-9));

        String odd = "7 (a) b (c) R 1 7 7 0 -1 0 0 0 0 0 5 5 0 0 20 0 1 0";
        assertThat(ServerCpu.nameIn(odd)).isEqualTo("a) b (c");
        assertThat(ServerCpu.cpuSecondsIn(odd)).isCloseTo(0.10, within(1e-9));
    }

    @Test
    void threadsAreToldApartByTheStartOfTheirNamesAsTheOperatingSystemCutsThem() {
        assertThat(Part.of("gatehouse-hashi")).isEqualTo(Part.HASHING);
        assertThat(Part.of("ForkJoinPool-1-")).isEqualTo(Part.REQUESTS);
        assertThat(Part.of("gatehouse-group")).isEqualTo(Part.GROUP_COMMIT);
        assertThat(Part.of("C1 CompilerThre")).isEqualTo(Part.JIT);
        assertThat(Part.of("C2 CompilerThre")).isEqualTo(Part.JIT);
        assertThat(Part.of("VM Thread")).isEqualTo(Part.COLLECTOR);
        assertThat(Part.of("GC Thread#0")).isEqualTo(Part.COLLECTOR);
        assertThat(Part.of("gatehouse-log-w")).isEqualTo(Part.OTHER);
        assertThat(Part.of("java")).isEqualTo(Part.OTHER);
    }

    @Test
    void timeSinceCountsStartedThreadsWholeAndLeavesEndedOnesAndTheUntoldToOther() {
        ServerCpu before = new ServerCpu(
                10.0,
                Map.of(
                        1L, new ThreadTime(Part.HASHING, 4.0),
                        2L, new ThreadTime(Part.JIT, 3.0),
                        3L, new ThreadTime(Part.OTHER, 1.0)));
        ServerCpu after = new ServerCpu(
                20.0,
                Map.of(
                        1L, new ThreadTime(Part.HASHING, 9.0), // 5 s more
                        4L, new ThreadTime(Part.JIT, 2.0), // started since: all 2 s
                        3L, new ThreadTime(Part.OTHER, 1.5)));
        // thread 2 ended: what it spent since is only in the total

        Map<Part, Double> spent = after.since(before);

        assertThat(spent.get(Part.HASHING)).isCloseTo(5.0, within(1e-9));
        assertThat(spent.get(Part.JIT)).isCloseTo(2.0, within(1e-9));
        assertThat(spent.get(Part.REQUESTS)).isZero();
        assertThat(spent.get(Part.OTHER)).isCloseTo(3.0, within(1e-9));
        assertThat(spent.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aThreadNamedAsTheHashingPoolsIsCountedAsHashingInThisVeryProcess() throws Exception {
        long pid = ProcessHandle.current().pid();
        ServerCpu before = ServerCpu.of(pid);
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread burner = Thread.ofPlatform().name("gatehouse-hashing-test").start(() -> {
            long x = 1;
            while (threads.getCurrentThreadCpuTime() < 150_000_000L) {
                for (int i = 0; i < 100_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }
            if (x == 42) {
                System.out.println(x); // keeps the loop from being removed
            }
            burnt.countDown();
            try {
                // Alive until read: a thread that ended is no longer listed.
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(burnt.await(30, TimeUnit.SECONDS)).isTrue();
        ServerCpu during = ServerCpu.of(pid);
        release.countDown();
        burner.join();

        Map<Part, Double> spent = during.since(before);
        assertThat(spent.get(Part.HASHING)).isGreaterThanOrEqualTo(0.1);
        assertThat(during.totalSeconds()).isGreaterThan(before.totalSeconds());
    }
}
