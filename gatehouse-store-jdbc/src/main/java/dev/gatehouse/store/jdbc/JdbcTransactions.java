package dev.gatehouse.store.jdbc;

import dev.gatehouse.core.Transactions;
import java.util.function.Supplier;

/** {@link Transactions} over a {@link WritePath}: the group's store calls share one transaction. */
final class JdbcTransactions implements Transactions {
    private final WritePath writes;
    private final OpenTransaction open;

    JdbcTransactions(WritePath writes, OpenTransaction open) {
        this.writes = writes;
        this.open = open;
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        if (open.current().isPresent()) {
            return work.get(); // a group inside a group is part of it
        }
        // The group may run on the writer's thread; what waits for its commit runs back on this one,
        // where the request's context (its log lines' request id) is.
        OpenTransaction.Group[] entered = new OpenTransaction.Group[1];
        T result = writes.write(connection -> {
            entered[0] = open.enter(connection);
            try {
                return work.get();
            } finally {
                open.leave();
            }
        });
        entered[0].committed();
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        open.current().ifPresentOrElse(group -> group.afterCommit(action), action);
    }
}
