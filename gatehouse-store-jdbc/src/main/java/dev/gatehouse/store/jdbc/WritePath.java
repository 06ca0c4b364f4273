package dev.gatehouse.store.jdbc;

/**
 * How writes reach the database: each in a transaction of its own ({@link DirectWrites}), or batched
 * into group commits by one writer ({@link GroupCommit}). Both return only once the write is durable.
 */
interface WritePath extends AutoCloseable {

    /**
     * Runs {@code work} as one atomic unit and returns its result once committed. It may run on another
     * thread (the group committer's), so it must do store work only.
     */
    <T> T write(Jdbc.Work<T> work);

    @Override
    void close();
}
