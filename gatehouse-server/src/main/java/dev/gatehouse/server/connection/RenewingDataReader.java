package dev.gatehouse.server.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataListener;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.LazyString;
import java.nio.charset.Charset;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Helidon's reader of a connection's bytes, started anew whenever it has handed out all it read and has
 * to wait for the client, so that what a long-lived connection receives does not all end up in the old
 * generation.
 *
 * <p>Helidon 4.5's {@link DataReader} keeps the chunks it pulled as a singly linked list and drops a
 * consumed chunk by moving its head on, leaving the link from the dropped node to the next in place.
 * While a keep-alive connection waits for its next request, the node it read last is still referenced
 * and, once the rest of a busy server has made enough young collections, is promoted. When the request
 * comes, that node (dead from then on, and removed only by a full collection) links to the request's
 * first chunk; a young collection keeps whatever an old object links to, so each chunk is kept by the
 * one before until it is promoted too, and every byte the connection receives afterwards is tenured.
 * Measured (gatehouse-bench {@code ReaderPromotion}, serial collector): a reader that had waited
 * through 20 young collections tenured 29,689 KiB of the 29,296 KiB it then received, a fresh one 5 KiB;
 * in the load suite the introspection workload filled the old generation at about 5 MiB a second.
 *
 * <p>So every read that finds nothing left first waits for the client's next bytes itself, outside any
 * reader, and only then starts a new Helidon reader holding them: the old reader, its last node
 * included, is dropped with no link to anything newer. A reader that has pulled {@value
 * #MAX_PULLS_PER_READER} chunks without ever being found empty (a client that pipelines) is replaced
 * the same way, with what it still holds. Every call goes to the current reader; {@link
 * FramingReader} adds the HTTP/1.1 rules on top. Not thread-safe, as Helidon's reader is not: one
 * connection's thread reads.
 */
class RenewingDataReader extends DataReader {
    /**
     * Chunks a reader may pull from the socket before it is replaced even though it still holds bytes:
     * a client that pipelines can end every socket read partway through a request, so that no call ever
     * finds the reader empty; if that reader once waited long enough to be promoted, every chunk after
     * would be tenured again. Replacing it copies what it holds, less than a chunk or two.
     */
    static final int MAX_PULLS_PER_READER = 16;

    private final Supplier<byte[]> bytes;
    private DataReader current;
    private int pulledByCurrent;
    private Consumer<DataReader> listening = reader -> {};

    @SuppressWarnings("removal") // DataReader.create returns a plain DataReader; this one must be a subclass
    RenewingDataReader(Supplier<byte[]> bytes) {
        // The inherited list is never used: a public method this class does not override fails loudly.
        super(() -> {
            throw new IllegalStateException("RenewingDataReader does not delegate this call");
        });
        this.bytes = bytes;
        this.current = DataReader.create(this::pull);
    }

    /** The socket's next bytes, for the current reader, counted. */
    private byte[] pull() {
        pulledByCurrent++;
        return bytes.get();
    }

    /**
     * The reader to read from: the current one while it holds bytes; otherwise, after the wait for the
     * client's next bytes, a new one holding them. An end of the connection is thrown as Helidon's own
     * reader throws it.
     */
    private DataReader pulling() {
        beforeRead();
        if (current.available() == 0) {
            byte[] next = bytes.get();
            if (next == null) {
                throw new InsufficientDataAvailableException();
            }
            renew(next, false);
        } else if (pulledByCurrent >= MAX_PULLS_PER_READER) {
            renew(current.readBytes(current.available()), true);
        }
        return current;
    }

    /**
     * A new reader that holds {@code first}, then pulls from the socket. Its listener hears of {@code
     * first} unless the old reader already told of those bytes.
     */
    private void renew(byte[] first, boolean alreadyTold) {
        DataReader renewed = DataReader.create(new StartingWith(first, this::pull));
        if (alreadyTold) {
            renewed.pullData();
            listening.accept(renewed);
        } else {
            listening.accept(renewed);
            renewed.pullData();
        }
        current = renewed;
        pulledByCurrent = 0;
    }

    /**
     * Called before every call that reads, or waits for, the client's bytes; a subclass throws here to
     * refuse all further reading of a connection whose framing it has found broken.
     */
    void beforeRead() {}

    /** {@code first}, then what {@code rest} supplies. */
    private static final class StartingWith implements Supplier<byte[]> {
        private byte[] first;
        private final Supplier<byte[]> rest;

        StartingWith(byte[] first, Supplier<byte[]> rest) {
            this.first = first;
            this.rest = rest;
        }

        @Override
        public byte[] get() {
            byte[] next = first;
            if (next == null) {
                return rest.get();
            }
            first = null;
            return next;
        }
    }

    @Override
    public int available() {
        return current.available();
    }

    @Override
    public void pullData() {
        if (current.available() == 0) {
            pulling();
        } else {
            current.pullData();
        }
    }

    @Override
    public void skip(int length) {
        (length > 0 ? pulling() : current).skip(length);
    }

    @Override
    public void ensureAvailable() {
        pulling().ensureAvailable();
    }

    @Override
    public byte read() {
        return pulling().read();
    }

    @Override
    public byte lookup() {
        return pulling().lookup();
    }

    @Override
    public boolean startsWithNewLine() {
        return pulling().startsWithNewLine();
    }

    @Override
    public boolean startsWith(byte[] prefix) {
        return pulling().startsWith(prefix);
    }

    @Override
    public BufferData readBuffer() {
        return pulling().readBuffer();
    }

    @Override
    public BufferData readBuffer(int length) {
        return pulling().readBuffer(length);
    }

    @Override
    public BufferData getBuffer(int length) {
        return pulling().getBuffer(length);
    }

    @Override
    public LazyString readLazyString(Charset charset, int length) {
        return pulling().readLazyString(charset, length);
    }

    @Override
    public String readAsciiString(int length) {
        return pulling().readAsciiString(length);
    }

    @Override
    public byte[] readBytes(int length) {
        return pulling().readBytes(length);
    }

    @Override
    public String readLine() throws IncorrectNewLineException {
        return pulling().readLine();
    }

    @Override
    public int findOrNewLine(byte b, int max) throws IncorrectNewLineException {
        return pulling().findOrNewLine(b, max);
    }

    @Override
    public String debugDataHex() {
        return pulling().debugDataHex();
    }

    @Override
    public int findNewLine(int max) throws IncorrectNewLineException {
        return pulling().findNewLine(max);
    }

    @Override
    public <T> void listener(DataListener<T> listener, T context) {
        listening = reader -> reader.listener(listener, context);
        current.listener(listener, context);
    }
}
