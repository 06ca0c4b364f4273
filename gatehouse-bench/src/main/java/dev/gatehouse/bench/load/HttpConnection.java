package dev.gatehouse.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket: the load generator's client. It is used in
 * two ways. Set-up (logins, sign-ups) calls {@link #exchange}, which blocks. The timed part of a run
 * drives many connections from one thread ({@link ConnectionLoop}): {@link #nonBlocking()}, then
 * {@link #send} and {@link #receive} as the socket is ready. Either way a request costs the generator a
 * few microseconds, where a general client costs tens, so on a 2-core machine shared with the server
 * the generator takes as little as it can.
 */
final class HttpConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final ResponseParser parser = new ResponseParser();
    private SocketChannel channel;
    private ByteBuffer unsent = ByteBuffer.allocate(0);

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A response: status, the headers a workload reads, the body as text, and whether the server closes. */
    record Response(int status, String setCookie, String body, boolean closes) {}

    /** Sends {@code request} and waits for its answer; a connection the server closed is opened again. */
    Response exchange(byte[] request) throws IOException {
        if (channel == null) {
            connect(true);
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            while (true) {
                Response response = receive();
                if (response != null) {
                    return response;
                }
            }
        } catch (IOException e) {
            close(); // the next exchange reconnects
            throw e;
        }
    }

    /** From now on this connection's socket never blocks (it is opened again so if the server closes it). */
    SocketChannel nonBlocking() throws IOException {
        if (channel == null) {
            connect(false);
        } else {
            channel.configureBlocking(false);
        }
        return channel;
    }

    /** Whether the connection is open; one the server closed is opened again by the next send. */
    boolean isOpen() {
        return channel != null;
    }

    /** Starts sending {@code request}; true when it all went out, false while some waits for {@link #flush}. */
    boolean send(byte[] request) throws IOException {
        unsent = ByteBuffer.wrap(request);
        return flush();
    }

    /** Sends what {@link #send} could not yet; true when nothing is left. */
    boolean flush() throws IOException {
        channel.write(unsent);
        return !unsent.hasRemaining();
    }

    /**
     * Reads what the socket has (waiting for it on a blocking socket) and returns the answer once it
     * is whole, else null. An answer saying {@code Connection: close} closes this side too.
     */
    Response receive() throws IOException {
        Response whole = parser.next();
        if (whole == null) {
            ByteBuffer space = parser.space();
            int read = channel.isBlocking() ? readWithTimeout(space) : channel.read(space);
            if (read < 0) {
                throw new EOFException("the server closed the connection");
            }
            parser.filled(space);
            whole = parser.next();
            if (whole == null) {
                return null;
            }
        }
        if (whole.closes()) {
            close();
        }
        return whole;
    }

    /** A blocking read through the socket's stream, which keeps to its timeout (a channel's read has none). */
    private int readWithTimeout(ByteBuffer space) throws IOException {
        int read = channel.socket()
                .getInputStream()
                .read(space.array(), space.arrayOffset() + space.position(), space.remaining());
        if (read > 0) {
            space.position(space.position() + read);
        }
        return read;
    }

    private void connect(boolean blocking) throws IOException {
        channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.socket().connect(new InetSocketAddress(host, port), 5_000);
        channel.socket().setSoTimeout(30_000);
        channel.configureBlocking(blocking);
        parser.clear();
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
        }
    }
}
