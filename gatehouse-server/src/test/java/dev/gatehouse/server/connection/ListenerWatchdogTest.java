package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the watchdog does with each probe's finding, on a clock the test moves. */
class ListenerWatchdogTest {
    private long now = 1_000_000_000L;
    private final Deque<Boolean> relistenResults = new ArrayDeque<>();
    private final AtomicInteger relistens = new AtomicInteger();
    private final AtomicInteger giveUps = new AtomicInteger();
    private final ListenerWatchdog watchdog = new ListenerWatchdog(
            () -> new InetSocketAddress("127.0.0.1", 8080),
            () -> {
                relistens.incrementAndGet();
                return relistenResults.isEmpty() ? true : relistenResults.pop();
            },
            giveUps::incrementAndGet,
            () -> now);

    @Test
    void aListeningPortIsUpAndLeftAlone() {
        watchdog.observe(ListenerWatchdog.Probe.LISTENING);

        assertThat(watchdog.check().up()).isTrue();
        assertThat(relistens).hasValue(0);
    }

    @Test
    void aRefusedProbeBringsUpANewListenerAtOnce() {
        watchdog.observe(ListenerWatchdog.Probe.REFUSED);

        assertThat(relistens).hasValue(1);
        assertThat(watchdog.check().up()).isTrue();
    }

    @Test
    void failedAttemptsBackOffAndTheNodeIsNotReadyMeanwhile() {
        relistenResults.addAll(java.util.List.of(false, false, false));
        watchdog.observe(ListenerWatchdog.Probe.REFUSED);
        assertThat(watchdog.check().up()).isFalse();
        assertThat(watchdog.check().detail()).startsWith("DOWN (not accepting for ");

        advance(Duration.ofMillis(500));
        watchdog.observe(ListenerWatchdog.Probe.UNKNOWN);
        assertThat(relistens).as("backing off 1 s").hasValue(1);

        advance(Duration.ofMillis(600));
        watchdog.observe(ListenerWatchdog.Probe.UNKNOWN);
        assertThat(relistens)
                .as("a probe that proves nothing does not stop the attempts")
                .hasValue(2);

        advance(Duration.ofSeconds(2));
        watchdog.observe(ListenerWatchdog.Probe.REFUSED);
        assertThat(relistens).hasValue(3);

        advance(Duration.ofSeconds(4));
        watchdog.observe(ListenerWatchdog.Probe.REFUSED);
        assertThat(relistens).hasValue(4);
        assertThat(watchdog.check().up()).isTrue();
    }

    @Test
    void withoutAListenerForAMinuteItGivesUpOnce() {
        for (int i = 0; i < 100; i++) {
            relistenResults.add(false);
        }
        for (int second = 0; second <= 70; second++) {
            watchdog.observe(ListenerWatchdog.Probe.REFUSED);
            advance(Duration.ofSeconds(1));
        }

        assertThat(giveUps).hasValue(1);
        assertThat(relistens.get()).as("every 5 s at most").isBetween(14, 18);
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }
}
