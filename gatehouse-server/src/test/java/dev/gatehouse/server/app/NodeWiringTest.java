package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeWiringTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theSessionCacheTakesAnEighthOfTheLaunchersHeap() {
        // -Xmx168m, the launcher's bound on 2 cores: 21 MiB at 1,200 bytes an entry.
        assertThat(NodeWiring.sessionCacheCapacity(168 * MIB)).isEqualTo(18_350);
        assertThat(NodeWiring.sessionCacheCapacity(168 * MIB) * (long) NodeWiring.SESSION_CACHE_BYTES_PER_ENTRY)
                .isLessThanOrEqualTo(168 * MIB / 8);
    }

    @Test
    void aLargeHeapStillHoldsAtMostTheCeiling() {
        assertThat(NodeWiring.sessionCacheCapacity(916 * MIB)).isEqualTo(NodeWiring.SESSION_CACHE_MOST);
        assertThat(NodeWiring.sessionCacheCapacity(915 * MIB)).isLessThan(NodeWiring.SESSION_CACHE_MOST);
        assertThat(NodeWiring.sessionCacheCapacity(64 * 1024 * MIB)).isEqualTo(NodeWiring.SESSION_CACHE_MOST);
    }

    @Test
    void aTinyHeapStillCachesSomething() {
        assertThat(NodeWiring.sessionCacheCapacity(4 * MIB)).isEqualTo(NodeWiring.SESSION_CACHE_LEAST);
        assertThat(NodeWiring.sessionCacheCapacity(Long.MAX_VALUE)).isEqualTo(NodeWiring.SESSION_CACHE_MOST);
    }
}
