package dev.gatehouse.store.redis;

import dev.gatehouse.core.limit.CounterStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Rate-limit counters in Redis, so that every node enforces one limit. When Redis cannot be reached
 * the counters of this node stand in (each node then limits on its own: looser, never off), and Redis
 * is tried again at most once a second.
 */
public final class RedisCounters implements CounterStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("gatehouse.redis");
    // INCR and the expiry in one step: a crash between them must not leave a counter that never expires.
    private static final String INCREMENT =
            "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;
    private final String prefix;
    private final CounterStore fallback;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextAttempt;
    private volatile boolean degraded;

    private RedisCounters(RedisClient client, String prefix, CounterStore fallback) {
        this.client = client;
        this.prefix = prefix;
        this.fallback = fallback;
    }

    /** Counters under {@code namespace:counter:} on the Redis at {@code url}. */
    public static RedisCounters connect(String url, String namespace, CounterStore fallback) {
        RedisClient client = RedisClient.create(RedisURI.create(url));
        client.setOptions(RedisRevocationBus.options());
        return new RedisCounters(client, namespace + ":counter:", fallback);
    }

    @Override
    public long increment(String key, Duration ttl) {
        StatefulRedisConnection<String, String> redis = connection();
        if (redis != null) {
            try {
                Long count = redis.sync()
                        .eval(
                                INCREMENT,
                                ScriptOutputType.INTEGER,
                                new String[] {prefix + key},
                                Long.toString(Math.max(1, ttl.toMillis())));
                recovered();
                return count;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return fallback.increment(key, ttl);
    }

    @Override
    public long get(String key) {
        StatefulRedisConnection<String, String> redis = connection();
        if (redis != null) {
            try {
                String value = redis.sync().get(prefix + key);
                recovered();
                return value == null ? 0 : Long.parseLong(value);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return fallback.get(key);
    }

    @Override
    public void put(String key, long value, Duration ttl) {
        fallback.put(key, value, ttl);
        StatefulRedisConnection<String, String> redis = connection();
        if (redis != null) {
            try {
                redis.sync().set(prefix + key, Long.toString(value), SetArgs.Builder.px(Math.max(1, ttl.toMillis())));
                recovered();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    @Override
    public void delete(String key) {
        fallback.delete(key);
        StatefulRedisConnection<String, String> redis = connection();
        if (redis != null) {
            try {
                redis.sync().del(prefix + key);
                recovered();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null || System.nanoTime() < nextAttempt) {
            return current;
        }
        synchronized (this) {
            if (connection == null && System.nanoTime() >= nextAttempt) {
                try {
                    connection = client.connect();
                } catch (RuntimeException e) {
                    nextAttempt = System.nanoTime() + RETRY_NANOS;
                    failed(e);
                }
            }
            return connection;
        }
    }

    private void failed(RuntimeException e) {
        if (!degraded) {
            degraded = true;
            LOG.log(Level.WARNING, "Redis counters unavailable, this node limits on its own: " + e.getMessage());
        }
    }

    private void recovered() {
        if (degraded) {
            degraded = false;
            LOG.log(Level.INFO, "Redis counters available again");
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
