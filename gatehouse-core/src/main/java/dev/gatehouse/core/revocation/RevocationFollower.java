package dev.gatehouse.core.revocation;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the shared revocation feed from where it last stopped and hands each new entry to this
 * node: how a revocation made on one node reaches the caches and streams of every other.
 *
 * <p>It starts from the oldest entry still kept, so a node that starts (or restarts) learns of
 * every revocation whose tokens may still be valid. Cursors only grow, so an entry is never handed
 * over twice and never skipped.
 */
public final class RevocationFollower {
    private final RevocationStore store;
    private final Consumer<Revocation> listener;
    private long cursor;

    public RevocationFollower(RevocationStore store, Consumer<Revocation> listener) {
        this.store = store;
        this.listener = listener;
    }

    /** Hands over every entry after the last one seen; returns how many. */
    public synchronized int catchUp() {
        int handed = 0;
        List<Revocation> page;
        do {
            page = store.after(cursor, RevocationFeed.MAX_PAGE);
            for (Revocation entry : page) {
                listener.accept(entry);
                cursor = entry.cursor();
                handed++;
            }
        } while (page.size() == RevocationFeed.MAX_PAGE);
        return handed;
    }

    public synchronized long cursor() {
        return cursor;
    }
}
