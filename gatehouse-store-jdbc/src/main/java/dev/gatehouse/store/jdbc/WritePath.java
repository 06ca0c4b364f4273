package dev.gatehouse.store.jdbc;

import java.sql.Connection;
import java.util.function.Function;

/**
 * How writes reach the database: each in a transaction of its own ({@link DirectWrites}), or batched
 * into group commits by one writer ({@link GroupCommit}). Both return only once the write is durable.
 */
interface WritePath extends AutoCloseable {

    /** Runs {@code work} as one atomic unit; its result once committed. */
    <T> T write(Jdbc.Work<T> work);

    /**
     * Hands the calling thread a connection inside a transaction for {@code group}, which runs on this
     * thread; commits it (possibly with others' writes) and returns its result once durable.
     */
    <T> T group(Function<Connection, T> group);

    @Override
    void close();
}
