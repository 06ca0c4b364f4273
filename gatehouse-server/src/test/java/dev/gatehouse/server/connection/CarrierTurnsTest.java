package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierTurnsTest {
    private static final long START = 1_000_000_000L;

    @Test
    void aThreadTakesATurnOnceItHasRunAWholeSlice() {
        CarrierTurns turns = new CarrierTurns(START);

        assertThat(turns.turnDue(START + CarrierTurns.SLICE_NANOS - 1)).isFalse();
        assertThat(turns.turnDue(START + CarrierTurns.SLICE_NANOS)).isTrue();
    }

    @Test
    void readsOfDataAlreadyThereDoNotStartANewSlice() {
        CarrierTurns turns = new CarrierTurns(START);
        long read = START + CarrierTurns.SLICE_NANOS / 2;

        turns.ran(read, read + CarrierTurns.WAITED_NANOS - 1);

        assertThat(turns.turnDue(START + CarrierTurns.SLICE_NANOS)).isTrue();
    }

    @Test
    void aReadThatWaitedForTheClientStartsANewSlice() {
        CarrierTurns turns = new CarrierTurns(START);
        long read = START + CarrierTurns.SLICE_NANOS / 2;
        long answered = read + CarrierTurns.WAITED_NANOS;

        turns.ran(read, answered);

        assertThat(turns.turnDue(START + CarrierTurns.SLICE_NANOS)).isFalse();
        assertThat(turns.turnDue(answered + CarrierTurns.SLICE_NANOS)).isTrue();
    }

    @Test
    void aTurnStartsANewSlice() {
        CarrierTurns turns = new CarrierTurns(START);
        long turnEnded = START + 3 * CarrierTurns.SLICE_NANOS;

        turns.tookTurn(turnEnded);

        assertThat(turns.turnDue(turnEnded + CarrierTurns.SLICE_NANOS - 1)).isFalse();
    }
}
