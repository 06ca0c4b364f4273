package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connections take turns on the virtual-thread scheduler, which never takes a carrier away by itself,
 * and a thread woken from outside the scheduler's pool gets its turn among them.
 */
class TakingTurnsTest {

    /**
     * More busy threads than carriers, each answering "requests" without ever parking, as a connection
     * whose client always has the next request ready, and one thread started from outside the pool, as
     * the socket poller wakes a connection whose request arrived. Without turns the thread started last
     * would wait for the carriers until the busy ones gave up at their deadline; with turns taken by
     * yielding it waited too (a yielding thread goes back on its carrier's own queue, which the carrier
     * empties before it looks at the queue the late thread is in).
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
                CarrierTurns turns = new CarrierTurns(System::nanoTime);
                while (!waitingOneRan.get()) {
                    if (System.nanoTime() > deadline) {
                        busyOnesGaveUp.set(true);
                        return;
                    }
                    turns.takeTurnIfDue();
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
