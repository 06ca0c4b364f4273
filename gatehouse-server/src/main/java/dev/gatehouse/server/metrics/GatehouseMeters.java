package dev.gatehouse.server.metrics;

import dev.gatehouse.core.account.Argon2idPasswordHasher;
import dev.gatehouse.core.account.BoundedPasswordHasher;
import dev.gatehouse.core.limit.LimitedAction;
import dev.gatehouse.core.limit.RateDecision;
import dev.gatehouse.core.limit.RateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The one meter registry of a Gatehouse process, in Prometheus form, with the JVM's and the process's
 * meters bound. The composition root binds the rest: {@link #bindPasswordHashing}, {@link
 * #bindRateLimiter}, {@link #bindRevocationStreams}, the store pool; the HTTP edge is timed by {@link
 * RequestMeters}. The admin pages can read the same {@link #registry()}.
 */
public final class GatehouseMeters implements AutoCloseable {
    /** How old a revocation is when a stream pushes it: from a live push (~1 ms) to a reconnect (1 min). */
    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofMinutes(1)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AuditMeters audit;

    public GatehouseMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.audit = new AuditMeters(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The sink that counts audit events; the composition root hands it to the audit trail. */
    public AuditMeters audit() {
        return audit;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * The queue, the running hashes, the refusals and the time spent waiting of the hashing pool, and
     * the memory the hashes hold outside the heap.
     */
    public void bindPasswordHashing(BoundedPasswordHasher pool, Argon2idPasswordHasher hasher) {
        Gauge.builder("gatehouse.password.hashing.memory", hasher, Argon2idPasswordHasher::nativeMemoryBytes)
                .description("Memory of password hashes outside the heap, running or kept for the next ones;"
                        + " given back after 10 s without a hash (0 where it is in the heap, on Java 21)")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("gatehouse.password.hashing.queue", pool, BoundedPasswordHasher::waiting)
                .description("Password hashes waiting for a slot")
                .register(registry);
        Gauge.builder("gatehouse.password.hashing.running", pool, BoundedPasswordHasher::running)
                .description("Password hashes running")
                .register(registry);
        FunctionCounter.builder("gatehouse.password.hashing.refused", pool, BoundedPasswordHasher::refused)
                .description("Password checks refused with 503 because every slot and queue place was taken")
                .register(registry);
        FunctionTimer.builder(
                        "gatehouse.password.hashing.wait",
                        pool,
                        BoundedPasswordHasher::admitted,
                        BoundedPasswordHasher::waitedNanos,
                        TimeUnit.NANOSECONDS)
                .description("Time hashes spent queued (count: every hash run; sum: their waits together)")
                .register(registry);
    }

    /** Every refusal of the rate limiter, by action and cause (the audit trail has them aggregated). */
    public void bindRateLimiter(RateLimiter limiter) {
        for (LimitedAction action : LimitedAction.values()) {
            for (RateDecision.Cause cause : RateDecision.Cause.values()) {
                FunctionCounter.builder("gatehouse.rate.limited", limiter, l -> l.refusals(action, cause))
                        .description("Requests refused with 429 by the rate limits and the login lock-out")
                        .tags(
                                "action",
                                action.name().toLowerCase(Locale.ROOT),
                                "cause",
                                cause.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
    }

    /** The open revocation streams, as {@code subscribers} counts them. */
    public void bindRevocationStreams(IntSupplier subscribers) {
        Gauge.builder("gatehouse.revocation.stream.subscribers", subscribers, IntSupplier::getAsInt)
                .description("Open revocation streams (Server-Sent Events) of verifiers")
                // Micrometer holds a gauge's object weakly; nothing else holds this lambda.
                .strongReference(true)
                .register(registry);
    }

    /**
     * Where the revocation streams report how long after its revocation each entry was pushed:
     * {@code gatehouse_revocation_feed_lag_seconds}. Live, that is milliseconds; a verifier that
     * reconnects after a while, or a node that learns of another's revocation late, shows here.
     */
    public Consumer<Duration> revocationFeedLag() {
        Timer lag = Timer.builder("gatehouse.revocation.feed.lag")
                .description("How long after its revocation an entry was pushed to a stream")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        return lag::record;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
