package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.GatehouseException;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionCapTest {
    private static final long LARGE_HEAP = 4L << 30;
    private static final long LAUNCHER_HEAP = 168L << 20;

    @Test
    void autoTakesWhatTheOpenFileLimitLeavesAfterWhatIsOpenAndTheReserve() {
        // 256 - 90 open - 64 reserve - 10 database - 16 for refusals
        assertThat(ConnectionCap.resolve(
                        OptionalInt.empty(), 10, OptionalLong.of(256), OptionalLong.of(90), LARGE_HEAP))
                .isEqualTo(76);
    }

    @Test
    void autoStopsAtTenThousand() {
        assertThat(ConnectionCap.resolve(
                        OptionalInt.empty(), 0, OptionalLong.of(1_048_576), OptionalLong.of(100), LARGE_HEAP))
                .isEqualTo(10_000);
    }

    @Test
    void aConfiguredCapThatFitsIsTaken() {
        assertThat(ConnectionCap.resolve(
                        OptionalInt.of(50_000), 0, OptionalLong.of(1_048_576), OptionalLong.of(100), LARGE_HEAP))
                .isEqualTo(50_000);
    }

    @Test
    void aConfiguredCapBeyondTheDescriptorsIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> ConnectionCap.resolve(
                        OptionalInt.of(5_000), 10, OptionalLong.of(1_024), OptionalLong.of(93), LARGE_HEAP))
                .isInstanceOf(GatehouseException.class)
                .hasMessageContaining("GATEHOUSE_MAX_CONNECTIONS=5000")
                .hasMessageContaining("open-file limit (1024)")
                .hasMessageContaining("room for 841 connections")
                .hasMessageContaining("ulimit -n");
    }

    @Test
    void aLimitTooLowForEvenAFewConnectionsIsRefused() {
        assertThatThrownBy(() -> ConnectionCap.resolve(
                        OptionalInt.empty(), 0, OptionalLong.of(128), OptionalLong.of(100), LARGE_HEAP))
                .isInstanceOf(GatehouseException.class)
                .hasMessageContaining("room for 0 connections");
    }

    @Test
    void whereThePlatformDoesNotCountDescriptorsTheSettingOrTheCeilingHolds() {
        assertThat(ConnectionCap.resolve(
                        OptionalInt.empty(), 0, OptionalLong.empty(), OptionalLong.empty(), LARGE_HEAP))
                .isEqualTo(10_000);
        assertThat(ConnectionCap.resolve(
                        OptionalInt.of(300), 0, OptionalLong.empty(), OptionalLong.empty(), LARGE_HEAP))
                .isEqualTo(300);
    }

    @Test
    void autoLeavesTheHeapRoomForGatehouseItself() {
        // half of 168 MiB at 128 KiB a connection
        assertThat(ConnectionCap.resolve(
                        OptionalInt.empty(), 0, OptionalLong.of(1_048_576), OptionalLong.of(100), LAUNCHER_HEAP))
                .isEqualTo(672);
        assertThat(ConnectionCap.resolve(
                        OptionalInt.empty(), 0, OptionalLong.empty(), OptionalLong.empty(), LAUNCHER_HEAP))
                .isEqualTo(672);
    }

    @Test
    void aConfiguredCapIsTakenWhateverTheHeap() {
        assertThat(ConnectionCap.resolve(
                        OptionalInt.of(5_000), 0, OptionalLong.of(1_048_576), OptionalLong.of(100), LAUNCHER_HEAP))
                .isEqualTo(5_000);
    }
}
