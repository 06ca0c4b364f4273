package dev.gatehouse.core.revocation;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionRevocationListener;
import dev.gatehouse.core.token.TokenRevocationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every revocation of a session or an access token, in order, kept until the tokens it covers would
 * have expired anyway: what verifiers follow to reject JWTs they check locally.
 *
 * <p>A session entry lives for the longest an access token of that session can still be valid: the
 * token lifetime plus the allowed clock skew, counted from the revocation.
 */
public final class RevocationFeed implements SessionRevocationListener, TokenRevocationListener {
    public static final int MAX_PAGE = 1_000;

    private final RevocationStore store;
    private final Duration sessionCoverage;
    private final Clock clock;
    private final Transactions transactions;
    private final Object appended = new Object();
    private long appends;
    private volatile boolean closed;

    public RevocationFeed(RevocationStore store, Duration sessionCoverage, Clock clock, Transactions transactions) {
        this.transactions = transactions;
        this.store = store;
        this.sessionCoverage = sessionCoverage;
        this.clock = clock;
    }

    @Override
    public void sessionRevoked(SessionId id) {
        Instant now = now();
        append(RevokedKind.SESSION, id.value(), now, now.plus(sessionCoverage));
    }

    @Override
    public void tokenRevoked(String jwtId, Instant expiresAt) {
        append(RevokedKind.TOKEN, jwtId, now(), expiresAt);
    }

    /** Entries after {@code cursor}, at most {@code limit} (capped at {@link #MAX_PAGE}). */
    public List<Revocation> after(long cursor, int limit) {
        return store.after(Math.max(0, cursor), Math.clamp(limit, 1, MAX_PAGE));
    }

    /** How many entries this process has appended so far; pass it to {@link #awaitAppend}. */
    public long appendCount() {
        synchronized (appended) {
            return appends;
        }
    }

    /**
     * Waits until this process appends an entry beyond {@code seenCount}, or {@code timeout} passes,
     * or the feed closes; a stream then reads the store again. Taking the count before reading the
     * store means an append in between is never slept through. Entries appended by other nodes
     * wake the streams through {@link #entriesArrived()}.
     */
    public void awaitAppend(long seenCount, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appended) {
            long left;
            while (!closed && appends == seenCount && (left = deadline - System.nanoTime()) > 0) {
                appended.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Wakes every waiting stream and makes them end: the server is stopping. */
    public void close() {
        closed = true;
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }

    /** Another node appended entries to the shared store: streams waiting here read them now. */
    public void entriesArrived() {
        synchronized (appended) {
            appends++;
            appended.notifyAll();
        }
    }

    private void append(RevokedKind kind, String id, Instant at, Instant expiresAt) {
        store.append(kind, id, at, expiresAt);
        // Woken before the entry is committed, a stream would read the store, find nothing, and sleep.
        transactions.afterCommit(this::entriesArrived);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
