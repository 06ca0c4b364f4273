package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static VerifiedToken expiringAt(Instant expiresAt) {
        return new VerifiedToken(
                "ada", Optional.of("s1"), "mobile", Set.of("read"), List.of("orders-api"), "j1", expiresAt);
    }

    private static BoundedCache<VerifiedToken> cacheOf(int capacity) {
        return new BoundedCache<>(capacity, VerifiedToken::expiresAt);
    }

    @Test
    void remembersByExactTextAndStaysWithinItsBound() {
        BoundedCache<VerifiedToken> cache = cacheOf(100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, expiringAt(NOW.plusSeconds(300)), NOW);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }

        assertThat(cache.get("token-999")).isPresent();
        assertThat(cache.get("token-999 ")).isEmpty();
        cache.remove("token-999");
        assertThat(cache.get("token-999")).isEmpty();
    }

    @Test
    void dropsExpiredTokensBeforeLiveOnes() {
        BoundedCache<VerifiedToken> cache = cacheOf(10);
        IntStream.range(0, 5).forEach(i -> cache.put("old-" + i, expiringAt(NOW.minusSeconds(1)), NOW));
        IntStream.range(0, 5).forEach(i -> cache.put("live-" + i, expiringAt(NOW.plusSeconds(300)), NOW));

        cache.put("newest", expiringAt(NOW.plusSeconds(300)), NOW);

        assertThat(IntStream.range(0, 5).mapToObj(i -> cache.get("live-" + i))).allMatch(Optional::isPresent);
        assertThat(IntStream.range(0, 5).mapToObj(i -> cache.get("old-" + i))).allMatch(Optional::isEmpty);
        assertThat(cache.get("newest")).isPresent();
    }

    @Test
    void sizeZeroRemembersNothing() {
        BoundedCache<VerifiedToken> cache = cacheOf(0);
        cache.put("token", expiringAt(NOW.plusSeconds(300)), NOW);

        assertThat(cache.get("token")).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
