package dev.gatehouse.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The revocation fan-out between nodes: a node that appends to the revocation feed announces it on
 * a Redis channel, and every node that hears it reads the feed at once instead of at its next poll.
 *
 * <p>The message carries no data, only "there is news": the feed in PostgreSQL stays the one
 * source of truth, so a message lost while Redis is away costs latency, never a revocation. Every
 * (re)connection counts as news too, so a node catches up the moment Redis returns. Redis being
 * away at start is no error: the bus keeps trying in the background.
 */
public final class RedisRevocationBus implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("gatehouse.redis");
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final RedisClient client;
    private final String channel;
    private final Runnable onNews;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final ScheduledExecutorService connector;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean closed;

    private RedisRevocationBus(RedisClient client, String channel, Runnable onNews) {
        this.client = client;
        this.channel = channel;
        this.onNews = onNews;
        this.connector = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gatehouse-redis-connect").factory());
    }

    /**
     * Starts following {@code url}; {@code onNews} runs (on a Redis thread; keep it short) whenever
     * another node announced an append or the connection came (back).
     *
     * @param namespace keeps deployments that share one Redis apart; pub/sub ignores the db number
     */
    public static RedisRevocationBus start(String url, String namespace, Runnable onNews) {
        RedisClient client = RedisClient.create(RedisURI.create(url));
        client.setOptions(options());
        RedisRevocationBus bus = new RedisRevocationBus(client, namespace + ":revocations", onNews);
        client.addListener(bus.new ConnectionEvents());
        bus.connector.scheduleWithFixedDelay(bus::connectIfNeeded, 0, RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return bus;
    }

    static ClientOptions options() {
        return ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while disconnected: the feed in the database is the fallback, not a queue.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(Duration.ofSeconds(1))
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
                .build();
    }

    /** Tells every node there is a new entry; best effort, never throws. */
    public void announce(long cursor) {
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null || !connection.isOpen()) {
            return;
        }
        connection.async().publish(channel, Long.toString(cursor)).exceptionally(e -> {
            LOG.log(Level.DEBUG, "could not announce a revocation on Redis: " + e.getMessage());
            return 0L;
        });
    }

    /** True while both connections are up and subscribed: what readiness details report. */
    public boolean isConnected() {
        StatefulRedisConnection<String, String> p = publisher;
        StatefulRedisPubSubConnection<String, String> s = subscriber;
        return subscribed.get() && p != null && p.isOpen() && s != null && s.isOpen();
    }

    private synchronized void connectIfNeeded() {
        if (closed || (publisher != null && subscriber != null)) {
            return;
        }
        try {
            if (subscriber == null) {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        onNews.run();
                    }

                    @Override
                    public void subscribed(String channel, long count) {
                        subscribed.set(true);
                        onNews.run();
                    }
                });
                connection.sync().subscribe(channel);
                subscriber = connection;
            }
            if (publisher == null) {
                publisher = client.connect();
            }
            LOG.log(Level.INFO, "Redis connected: revocations fan out through channel " + channel);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Redis not reachable yet: " + e.getMessage());
        }
    }

    private final class ConnectionEvents implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            // Lettuce re-subscribes by itself after a reconnect; "subscribed" then triggers a catch-up.
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == subscriber) {
                subscribed.set(false);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        connector.shutdownNow();
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
