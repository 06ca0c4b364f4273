package dev.gatehouse.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.limit.LocalCounters;
import dev.gatehouse.testkit.Await;
import dev.gatehouse.testservices.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RedisCountersIT {
    private final String namespace = "test-" + UUID.randomUUID();

    @Test
    void twoNodesCountIntoOneCounter() {
        String url = RedisServer.shared().url();
        try (RedisCounters nodeA = RedisCounters.connect(url, namespace, local());
                RedisCounters nodeB = RedisCounters.connect(url, namespace, local())) {
            assertThat(nodeA.increment("k", Duration.ofMinutes(1))).isEqualTo(1);
            assertThat(nodeB.increment("k", Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(nodeA.get("k")).isEqualTo(2);

            nodeB.put("lock", 1234, Duration.ofMinutes(1));
            assertThat(nodeA.get("lock")).isEqualTo(1234);
            nodeA.delete("lock");
            assertThat(nodeB.get("lock")).isZero();
        }
    }

    @Test
    void countersExpire() {
        try (RedisCounters counters = RedisCounters.connect(RedisServer.shared().url(), namespace, local())) {
            counters.increment("short", Duration.ofMillis(50));
            Await.until("the counter expired in Redis", Duration.ofSeconds(5), () -> counters.get("short") == 0);
            assertThat(counters.increment("short", Duration.ofMillis(50))).isEqualTo(1);
        }
    }

    @Test
    void withoutRedisThisNodesCountersStandIn() {
        try (RedisServer redis = RedisServer.startOwn()) {
            redis.stop();
            try (RedisCounters counters = RedisCounters.connect(redis.url(), namespace, local())) {
                assertThat(counters.increment("k", Duration.ofMinutes(1))).isEqualTo(1);
                assertThat(counters.increment("k", Duration.ofMinutes(1))).isEqualTo(2);
                assertThat(counters.get("k")).isEqualTo(2);
            }
        }
    }

    private static LocalCounters local() {
        return new LocalCounters(Clock.systemUTC(), 1_000);
    }
}
