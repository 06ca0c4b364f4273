package dev.gatehouse.core.testing;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.revocation.RevocationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Commits every call at once, as {@link Transactions#IMMEDIATE} does, and remembers how many revocation
 * feed entries each outermost group appended: how much one transaction would hold the embedded
 * store's writer.
 */
public final class RecordingTransactions implements Transactions {
    private final RevocationStore revocations;
    private final List<Integer> revocationsPerGroup = new ArrayList<>();
    private int depth;

    RecordingTransactions(RevocationStore revocations) {
        this.revocations = revocations;
    }

    @Override
    public synchronized <T> T inOne(Supplier<T> work) {
        if (depth > 0) {
            return work.get();
        }
        int before = feedLength();
        depth++;
        try {
            return work.get();
        } finally {
            depth--;
            revocationsPerGroup.add(feedLength() - before);
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        action.run();
    }

    /** The revocations each group appended, in order; groups that appended none count as 0. */
    public synchronized List<Integer> revocationsPerGroup() {
        return List.copyOf(revocationsPerGroup);
    }

    private int feedLength() {
        return revocations.after(0, Integer.MAX_VALUE).size();
    }
}
