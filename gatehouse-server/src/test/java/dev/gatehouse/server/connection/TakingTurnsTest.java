package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Connections take turns on the virtual-thread scheduler, which never takes a carrier away by itself. */
class TakingTurnsTest {

    /**
     * More busy threads than carriers, each answering "requests" without ever parking, as a connection
     * whose client always has the next request ready: without turns the thread started last would wait
     * for the carriers until the busy ones gave up at their deadline.
     */
    @Test
    void threadsThatTakeTheirTurnsLetAWaitingThreadRun() throws InterruptedException {
        int carriers = Integer.getInteger(
                "jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        AtomicBoolean waitingOneRan = new AtomicBoolean();
        AtomicBoolean busyOnesGaveUp = new AtomicBoolean();
        AtomicInteger running = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < 2 * carriers; i++) {
            busy.add(Thread.ofVirtual().start(() -> {
                running.incrementAndGet();
                while (!waitingOneRan.get()) {
                    if (System.nanoTime() > deadline) {
                        busyOnesGaveUp.set(true);
                        return;
                    }
                    GuardedContext.takeTurn();
                }
            }));
        }
        while (running.get() < carriers) {
            Thread.onSpinWait(); // every carrier is taken from here on
        }

        Thread waiting = Thread.ofVirtual().start(() -> waitingOneRan.set(true));
        waiting.join(Duration.ofSeconds(30));
        for (Thread thread : busy) {
            thread.join(Duration.ofSeconds(30));
        }

        assertThat(waitingOneRan).isTrue();
        assertThat(busyOnesGaveUp)
                .as("the waiting thread ran only after the busy ones gave up")
                .isFalse();
    }
}
