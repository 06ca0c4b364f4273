package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.account.Argon2Parameters;
import dev.gatehouse.server.config.ConfigException;
import org.junit.jupiter.api.Test;

class HeapForHashingTest {
    private static final long MIB = 1L << 20;

    @Test
    void theLaunchersJava21HeapHoldsTheDefaultHashOnEachCore() {
        // 128 MiB + 2 × (19 + 1) = 168 MiB, of which the JVM reports about 162 as its bound.
        assertThatCode(() -> HeapForHashing.require(Argon2Parameters.DEFAULT, 2, 162 * MIB, true))
                .doesNotThrowAnyException();
        assertThatCode(() -> HeapForHashing.require(new Argon2Parameters(47_104, 1, 1), 16, 880 * MIB, true))
                .doesNotThrowAnyException();
    }

    /** The outside test's case: 512 MiB a hash from the configuration file, with the 168 MiB heap. */
    @Test
    void refusesHashesTheHeapCannotHoldNamingTheKeyAndAWayOut() {
        assertThatThrownBy(() -> HeapForHashing.require(new Argon2Parameters(524_288, 1, 1), 2, 162 * MIB, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GATEHOUSE_ARGON2_MEMORY_KIB=524288")
                .hasMessageContaining("need 1024 MiB of a heap of 162 MiB")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void hashesOutsideTheHeapNeedNoRoomInIt() {
        assertThatCode(() -> HeapForHashing.require(new Argon2Parameters(524_288, 1, 1), 2, 104 * MIB, false))
                .doesNotThrowAnyException();
    }
}
