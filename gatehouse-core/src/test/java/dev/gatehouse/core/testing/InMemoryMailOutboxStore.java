package dev.gatehouse.core.testing;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import dev.gatehouse.core.mail.MailKind;
import dev.gatehouse.core.mail.MailOutboxStore;
import dev.gatehouse.core.mail.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The outbox in a map, for unit tests of the core. */
public final class InMemoryMailOutboxStore implements MailOutboxStore {
    private record Row(OutboxEntry entry, Instant due, Instant claimedUntil, boolean gaveUp) {}

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long nextId = 1;

    @Override
    public synchronized void add(MailKind kind, EmailAddress recipient, Optional<AccountId> account, Instant at) {
        long id = nextId++;
        rows.put(id, new Row(new OutboxEntry(id, kind, recipient, account, 0, at), at, Instant.EPOCH, false));
    }

    @Override
    public synchronized List<OutboxEntry> claim(Instant now, Instant claimedUntil, int limit) {
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Row row : List.copyOf(rows.values())) {
            if (claimed.size() == limit) {
                break;
            }
            if (!row.gaveUp() && !row.due().isAfter(now) && !row.claimedUntil().isAfter(now)) {
                OutboxEntry e = row.entry();
                OutboxEntry counted =
                        new OutboxEntry(e.id(), e.kind(), e.recipient(), e.account(), e.attempts() + 1, e.createdAt());
                rows.put(e.id(), new Row(counted, row.due(), claimedUntil, false));
                claimed.add(counted);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void delivered(long id) {
        rows.remove(id);
    }

    @Override
    public synchronized void retryAt(long id, Instant next, String error) {
        rows.computeIfPresent(id, (k, row) -> new Row(row.entry(), next, Instant.EPOCH, false));
    }

    @Override
    public synchronized void giveUp(long id, String error) {
        rows.computeIfPresent(id, (k, row) -> new Row(row.entry(), row.due(), Instant.EPOCH, true));
    }

    @Override
    public synchronized int releaseClaims() {
        int released = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (!row.claimedUntil().equals(Instant.EPOCH)) {
                rows.put(row.entry().id(), new Row(row.entry(), row.due(), Instant.EPOCH, row.gaveUp()));
                released++;
            }
        }
        return released;
    }

    @Override
    public synchronized long pending() {
        return rows.values().stream().filter(row -> !row.gaveUp()).count();
    }
}
