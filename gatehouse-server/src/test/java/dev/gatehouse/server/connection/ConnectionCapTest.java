package dev.gatehouse.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.GatehouseException;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionCapTest {

    @Test
    void autoTakesWhatTheOpenFileLimitLeavesAfterWhatIsOpenAndTheReserve() {
        // 256 - 90 open - 64 reserve - 10 database - 16 for refusals
        assertThat(ConnectionCap.resolve(OptionalInt.empty(), 10, OptionalLong.of(256), OptionalLong.of(90)))
                .isEqualTo(76);
    }

    @Test
    void autoStopsAtTenThousand() {
        assertThat(ConnectionCap.resolve(OptionalInt.empty(), 0, OptionalLong.of(1_048_576), OptionalLong.of(100)))
                .isEqualTo(10_000);
    }

    @Test
    void aConfiguredCapThatFitsIsTaken() {
        assertThat(ConnectionCap.resolve(OptionalInt.of(50_000), 0, OptionalLong.of(1_048_576), OptionalLong.of(100)))
                .isEqualTo(50_000);
    }

    @Test
    void aConfiguredCapBeyondTheDescriptorsIsRefusedWithTheNumbers() {
        assertThatThrownBy(() ->
                        ConnectionCap.resolve(OptionalInt.of(5_000), 10, OptionalLong.of(1_024), OptionalLong.of(93)))
                .isInstanceOf(GatehouseException.class)
                .hasMessageContaining("GATEHOUSE_MAX_CONNECTIONS=5000")
                .hasMessageContaining("open-file limit (1024)")
                .hasMessageContaining("room for 841 connections")
                .hasMessageContaining("ulimit -n");
    }

    @Test
    void aLimitTooLowForEvenAFewConnectionsIsRefused() {
        assertThatThrownBy(
                        () -> ConnectionCap.resolve(OptionalInt.empty(), 0, OptionalLong.of(128), OptionalLong.of(100)))
                .isInstanceOf(GatehouseException.class)
                .hasMessageContaining("room for 0 connections");
    }

    @Test
    void whereThePlatformDoesNotCountDescriptorsTheSettingOrTheCeilingHolds() {
        assertThat(ConnectionCap.resolve(OptionalInt.empty(), 0, OptionalLong.empty(), OptionalLong.empty()))
                .isEqualTo(10_000);
        assertThat(ConnectionCap.resolve(OptionalInt.of(300), 0, OptionalLong.empty(), OptionalLong.empty()))
                .isEqualTo(300);
    }
}
