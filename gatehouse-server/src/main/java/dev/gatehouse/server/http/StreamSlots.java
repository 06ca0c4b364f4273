package dev.gatehouse.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many revocation streams may be open: in total and per client. Each open stream is a connection
 * and a heartbeat every 10 s; without a cap, one client's credentials open thousands. A verifier that
 * is refused falls back to polling the feed, so the cap costs it latency, never correctness.
 */
final class StreamSlots {
    private final int total;
    private final int perClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    StreamSlots(int total, int perClient) {
        this.total = total;
        this.perClient = perClient;
    }

    /** Takes a slot for {@code clientId}; false, and nothing taken, when either cap is reached. */
    boolean take(String clientId) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return false;
        }
        AtomicInteger mine = byClient.computeIfAbsent(clientId, id -> new AtomicInteger());
        if (mine.incrementAndGet() > perClient) {
            mine.decrementAndGet();
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Slots taken now. */
    int open() {
        return open.get();
    }

    void release(String clientId) {
        // A client's entry stays once made: client ids are few and chosen by administrators.
        byClient.get(clientId).decrementAndGet();
        open.decrementAndGet();
    }
}
