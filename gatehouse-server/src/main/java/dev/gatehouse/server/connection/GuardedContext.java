package dev.gatehouse.server.connection;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Helidon's context of one connection, with reads and writes that tell the {@link TrackedConnection}
 * when the server waits for the client and how much arrived, through a reader that holds chunked
 * bodies to their grammar ({@link FramingReader}); and that lets other connections run once this one
 * has kept its carrier for a slice ({@link CarrierTurns}). Everything else is Helidon's own.
 */
final class GuardedContext implements ConnectionContext {
    private final ConnectionContext delegate;
    private final TrackedConnection tracked;
    private final DataReader reader;
    private final DataWriter writer;
    private final CarrierTurns turns = new CarrierTurns(System::nanoTime);

    GuardedContext(ConnectionContext delegate, TrackedConnection tracked) {
        this.delegate = delegate;
        this.tracked = tracked;
        this.reader = new FramingReader(this::read);
        this.writer = new TrackedWriter(delegate.dataWriter(), tracked);
    }

    TrackedConnection tracked() {
        return tracked;
    }

    /**
     * A request line was read, from the socket or from what an earlier read left in the buffer (a
     * client that pipelines): the request starts, after a turn if this connection has used its slice.
     * Checked here rather than before each read so that buffered requests take turns too.
     */
    void requestStarted() {
        tracked.requestStarted();
        turns.takeTurnIfDue();
    }

    /**
     * The next bytes from the socket (its failures mapped as Helidon's reader maps them), or null at the end: the
     * client's, or ours after an answer that said {@code Connection: close}. An end in the middle of a
     * request's head or body ends the connection quietly instead of reaching Helidon or the application
     * as an error.
     */
    private byte[] read() {
        if (!tracked.readStarting()) {
            return null;
        }
        DataReader helidons = delegate.dataReader();
        int received = 0;
        try {
            long readStarted = turns.readStarting();
            // What Helidon read before handing the connection over (to choose its protocol) comes first;
            // then the socket's bytes, past Helidon's reader, whose list of chunks would keep them all
            // in the old generation as the outer reader's would (RenewingDataReader).
            byte[] bytes = helidons.available() > 0 ? helidons.readBytes(helidons.available()) : fromSocket();
            turns.readFinished(readStarted);
            received = bytes.length;
            return bytes;
        } catch (DataReader.InsufficientDataAvailableException e) {
            // Gone mid-request (or closed as too slow): nothing to answer, so not the application's error.
            // Helidon treats an end in its header parser as an internal error (a 500 and a stack trace).
            switch (tracked.phase()) {
                case HEADER -> throw new CloseConnectionException("the connection ended in a request head", e);
                case BODY -> throw new CloseConnectionException("the connection ended in a request body", e);
                default -> {
                    // between requests: the end of the conversation
                }
            }
            return null;
        } finally {
            tracked.readFinished(received);
        }
    }

    /** The socket's next bytes, with its failures and its end told as Helidon's own reader tells them. */
    private byte[] fromSocket() {
        byte[] bytes;
        try {
            bytes = delegate.serverSocket().get();
        } catch (UncheckedIOException e) {
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
        if (bytes == null) {
            throw new DataReader.InsufficientDataAvailableException();
        }
        return bytes;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return delegate.executor();
    }

    @Override
    public Router router() {
        return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String socketId() {
        return delegate.socketId();
    }

    @Override
    public String childSocketId() {
        return delegate.childSocketId();
    }

    /** Helidon's writer, timing each write so that a client who takes no response can be told apart. */
    private record TrackedWriter(DataWriter delegate, TrackedConnection tracked) implements DataWriter {
        @Override
        public void write(BufferData... buffers) {
            tracked.writeStarting();
            try {
                delegate.write(buffers);
            } finally {
                tracked.writeFinished();
            }
        }

        @Override
        public void write(BufferData buffer) {
            tracked.writeStarting();
            try {
                delegate.write(buffer);
            } finally {
                tracked.writeFinished();
            }
        }

        @Override
        public void writeNow(BufferData... buffers) {
            tracked.writeStarting();
            try {
                delegate.writeNow(buffers);
            } finally {
                tracked.writeFinished();
            }
        }

        @Override
        public void writeNow(BufferData buffer) {
            tracked.writeStarting();
            try {
                delegate.writeNow(buffer);
            } finally {
                tracked.writeFinished();
            }
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
