package dev.gatehouse.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.Await;
import dev.gatehouse.testservices.RedisServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RedisRevocationBusIT {
    private final String namespace = "test-" + UUID.randomUUID();

    @Test
    void anAnnouncementOnOneNodeReachesTheOther() throws Exception {
        Semaphore news = new Semaphore(0);
        String url = RedisServer.shared().url();
        try (RedisRevocationBus nodeA = RedisRevocationBus.start(url, namespace, () -> {});
                RedisRevocationBus nodeB = RedisRevocationBus.start(url, namespace, news::release)) {
            awaitTrue(() -> nodeA.isConnected() && nodeB.isConnected());
            news.drainPermits();

            nodeA.announce(42);

            assertThat(news.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void deploymentsSharingARedisDoNotHearEachOther() throws Exception {
        Semaphore news = new Semaphore(0);
        String url = RedisServer.shared().url();
        try (RedisRevocationBus other = RedisRevocationBus.start(url, namespace + "-other", () -> {});
                RedisRevocationBus ours = RedisRevocationBus.start(url, namespace, news::release)) {
            awaitTrue(() -> other.isConnected() && ours.isConnected());
            news.drainPermits();
            other.announce(1);
            // The probe: an announcement in our namespace arrives, and it is the only one.
            try (RedisRevocationBus probe = RedisRevocationBus.start(url, namespace, () -> {})) {
                awaitTrue(probe::isConnected);
                probe.announce(2);
                assertThat(news.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(news.availablePermits()).isZero();
        }
    }

    @Test
    void startsWithoutRedisAndCatchesUpWhenItArrivesAndReturns() throws Exception {
        Semaphore news = new Semaphore(0);
        try (RedisServer redis = RedisServer.startOwn()) {
            redis.stop();
            try (RedisRevocationBus bus = RedisRevocationBus.start(redis.url(), namespace, news::release)) {
                assertThat(bus.isConnected()).isFalse();
                bus.announce(1); // dropped, not thrown

                redis.start();
                awaitTrue(bus::isConnected);
                assertThat(news.tryAcquire(5, TimeUnit.SECONDS))
                        .as("catch-up on connect")
                        .isTrue();

                redis.stop();
                awaitTrue(() -> !bus.isConnected());
                news.drainPermits();
                redis.start();
                awaitTrue(bus::isConnected);
                assertThat(news.tryAcquire(10, TimeUnit.SECONDS))
                        .as("catch-up on reconnect")
                        .isTrue();
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(15), condition);
    }
}
