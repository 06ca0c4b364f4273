package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The slice arithmetic, on a clock of the test's own (a platform thread, so a turn does not park). */
class CarrierTurnsTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CarrierTurns turns = new CarrierTurns(clock::get);

    @Test
    void aThreadTakesATurnOnceItHasRunAWholeSliceAndThenStartsANewOne() {
        clock.addAndGet(CarrierTurns.SLICE_NANOS - 1);
        assertThat(turns.takeTurnIfDue()).isFalse();

        clock.incrementAndGet();
        assertThat(turns.takeTurnIfDue()).isTrue();
        assertThat(turns.takeTurnIfDue()).isFalse();

        clock.addAndGet(CarrierTurns.SLICE_NANOS);
        assertThat(turns.takeTurnIfDue()).isTrue();
    }

    @Test
    void readsOfDataAlreadyThereDoNotStartANewSlice() {
        clock.addAndGet(CarrierTurns.SLICE_NANOS / 2);
        long read = turns.readStarting();
        clock.addAndGet(CarrierTurns.WAITED_NANOS - 1);
        turns.readFinished(read);

        clock.addAndGet(CarrierTurns.SLICE_NANOS / 2);
        assertThat(turns.takeTurnIfDue()).isTrue();
    }

    @Test
    void aReadThatWaitedForTheClientStartsANewSlice() {
        clock.addAndGet(CarrierTurns.SLICE_NANOS / 2);
        long read = turns.readStarting();
        clock.addAndGet(CarrierTurns.WAITED_NANOS);
        turns.readFinished(read);

        clock.addAndGet(CarrierTurns.SLICE_NANOS - 1);
        assertThat(turns.takeTurnIfDue()).isFalse();
        clock.incrementAndGet();
        assertThat(turns.takeTurnIfDue()).isTrue();
    }
}
