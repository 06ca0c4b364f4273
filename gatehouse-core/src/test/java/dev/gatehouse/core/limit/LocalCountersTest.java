package dev.gatehouse.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalCountersTest {
    private static final int CAPACITY = 1_000;
    private static final Duration LOCK = Duration.ofMinutes(15);

    private final TestClock clock = TestClock.startingAt("2026-01-01T00:00:00Z");
    private final LocalCounters counters = new LocalCounters(clock, CAPACITY);

    @Test
    void keepsALockOutThroughAFloodOfDistinctKeys() {
        long lockedUntil = clock.millis() + LOCK.toMillis();
        counters.put("lock:victim", lockedUntil, LOCK);

        // Counts that outlive the lock-out: it survives because it is pinned, not because it expires last.
        for (int i = 0; i < CAPACITY * 3; i++) {
            counters.increment("rl:LOGIN:ip:2001:db8:" + i + "::/64:0", Duration.ofHours(1));
        }

        assertThat(counters.get("lock:victim")).isEqualTo(lockedUntil);
    }

    @Test
    void keepsEveryKindOfLockOutThroughAFloodAtTheProductionCapacity() {
        LocalCounters production = new LocalCounters(clock, 200_000);
        production.put("lock:victim", 1, LOCK);
        production.put("devlock:victim", 2, LOCK);

        for (int i = 0; i < 400_000; i++) {
            production.increment("rl:LOGIN:ip:2001:db8:" + i + "::/64:0", Duration.ofMinutes(1));
        }

        assertThat(production.get("lock:victim")).isEqualTo(1);
        assertThat(production.get("devlock:victim")).isEqualTo(2);
    }

    @Test
    void evictsExpiredCountsBeforeLiveOnes() {
        for (int i = 0; i < CAPACITY / 2; i++) {
            counters.increment("short:" + i, Duration.ofMinutes(1));
        }
        for (int i = 0; i < CAPACITY / 2; i++) {
            counters.increment("long:" + i, Duration.ofMinutes(10));
        }
        clock.advance(Duration.ofMinutes(2));

        counters.increment("new", Duration.ofMinutes(1));

        assertThat(counters.get("new")).isEqualTo(1);
        for (int i = 0; i < CAPACITY / 2; i++) {
            assertThat(counters.get("long:" + i)).as("long:%d", i).isEqualTo(1);
        }
    }

    @Test
    void evictsTheLiveCountsNearestExpiryFirst() {
        for (int i = 1; i <= CAPACITY; i++) {
            counters.increment("count:" + i, Duration.ofSeconds(i));
        }

        counters.increment("new", Duration.ofSeconds(1));

        int tenth = CAPACITY / 10;
        for (int i = 1; i <= tenth; i++) {
            assertThat(counters.get("count:" + i)).as("count:%d", i).isZero();
        }
        for (int i = tenth + 1; i <= CAPACITY; i++) {
            assertThat(counters.get("count:" + i)).as("count:%d", i).isEqualTo(1);
        }
        assertThat(counters.get("new")).isEqualTo(1);
    }

    @Test
    void evictsOnlyEnoughOfTheCountsThatExpireTogether() {
        for (int i = 0; i < CAPACITY; i++) {
            counters.increment("window:" + i, Duration.ofMinutes(1));
        }

        counters.increment("new", Duration.ofMinutes(1));

        int kept = 0;
        for (int i = 0; i < CAPACITY; i++) {
            kept += (int) counters.get("window:" + i);
        }
        assertThat(kept).isEqualTo(CAPACITY - CAPACITY / 10);
    }

    @Test
    void letsALockOutExpireAtItsTimeAndFreeItsPlace() {
        for (int i = 0; i < CAPACITY; i++) {
            counters.put("lock:" + i, 1, LOCK);
        }
        clock.advance(LOCK.minusSeconds(1));
        assertThat(counters.get("lock:0")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));

        assertThat(counters.get("lock:0")).isZero();
        counters.increment("new", Duration.ofMinutes(1));
        assertThat(counters.increment("new", Duration.ofMinutes(1))).isEqualTo(2);
    }

    @Test
    void storesLockOutsPastCapacityButKeepsNoNewCountsWhileLockOutsFillIt() {
        for (int i = 0; i <= CAPACITY; i++) {
            counters.put("lock:" + i, 1, LOCK);
        }

        assertThat(counters.get("lock:" + CAPACITY)).isEqualTo(1);
        assertThat(counters.increment("fail:new", Duration.ofDays(1))).isEqualTo(1);
        assertThat(counters.increment("fail:new", Duration.ofDays(1))).isEqualTo(1);
        assertThat(counters.get("fail:new")).isZero();
        assertThat(counters.get("lock:0")).isEqualTo(1);
    }

    @Test
    void dropsEveryCountWhenLockOutsLeaveLessThanATenthFreeAndSweepsAgainASecondLater() {
        int lockOuts = CAPACITY - CAPACITY / 20;
        for (int i = 0; i < lockOuts; i++) {
            counters.put("lock:" + i, 1, LOCK);
        }
        for (int i = lockOuts; i < CAPACITY; i++) {
            counters.increment("before:" + i, Duration.ofMinutes(1));
        }

        counters.increment("known", Duration.ofMinutes(1));
        assertThat(counters.get("before:" + lockOuts)).isZero();
        for (int i = lockOuts + 1; i < CAPACITY; i++) {
            counters.increment("gap:" + i, Duration.ofMinutes(1));
        }

        // Full again within the second: the sweep waits, a known key counts on, a new one is not kept.
        assertThat(counters.increment("known", Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(counters.increment("refused", Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(counters.get("refused")).isZero();

        clock.advance(Duration.ofSeconds(1));
        counters.increment("later", Duration.ofMinutes(1));

        assertThat(counters.get("later")).isEqualTo(1);
        assertThat(counters.get("known")).isZero();
        assertThat(counters.get("lock:0")).isEqualTo(1);
    }

    @Test
    void keepsTheLatestCountWhenCapacityIsOne() {
        LocalCounters one = new LocalCounters(clock, 1);
        one.increment("a", Duration.ofMinutes(1));

        one.increment("b", Duration.ofMinutes(1));

        assertThat(one.get("a")).isZero();
        assertThat(one.get("b")).isEqualTo(1);
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new LocalCounters(clock, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, was 0");
    }
}
