package dev.gatehouse.bench.load;

import java.io.IOException;

/** One kind of request the suite offers, with the state each connection needs for it. */
interface Workload {
    String name();

    /** Connections it runs with at saturation (logins fewer: each holds a core for a hash). */
    int connections();

    /** Makes one connection's state before the clock starts (the logins its requests need). */
    Caller caller(Target target, HttpConnection connection) throws IOException;

    /** What one connection sends next and how it reads the answer. */
    interface Caller {
        byte[] next();

        /**
         * Whether the request {@link #next} gave last is measured; false for one that only prepares the
         * next (revocation's token), which is neither timed nor counted.
         */
        default boolean timed() {
            return true;
        }

        /** True for the expected answer; takes from it what the next request needs. */
        boolean accept(HttpConnection.Response response);
    }
}
