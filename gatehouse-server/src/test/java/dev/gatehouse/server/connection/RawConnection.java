package dev.gatehouse.server.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TCP connection to a server on loopback, from a chosen loopback source address (all of
 * 127.0.0.0/8 reaches 127.0.0.1), driven byte by byte the way no browser would. Waiting is done by
 * reading with a time-out, so every wait also notices the server closing the connection.
 */
final class RawConnection implements AutoCloseable {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)");

    private final Socket socket;
    private final long openedAt = System.nanoTime();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private long closedAt;
    private int taken;

    private RawConnection(Socket socket) {
        this.socket = socket;
    }

    static RawConnection open(int port) {
        return open(port, "127.0.0.1");
    }

    /** Connects to 127.0.0.1:{@code port} from {@code source}, such as 127.0.0.2. */
    static RawConnection open(int port, String source) {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return new RawConnection(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connect failure is the news
            }
            throw new UncheckedIOException("cannot connect from " + source + " to port " + port, e);
        }
    }

    /** Sends {@code text}; a connection the server already closed takes nothing, which is noted. */
    RawConnection send(String text) {
        if (isClosedByServer()) {
            return this;
        }
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            closedAt = System.nanoTime();
        }
        return this;
    }

    /** Reads for up to {@code wait}; true when the server has closed the connection by then. */
    boolean closesWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[8192];
        while (!isClosedByServer()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    closedAt = System.nanoTime();
                } else {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                closedAt = System.nanoTime(); // reset by the server
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    /**
     * Sends {@code text} one byte every {@code interval} until the server closes the connection or
     * {@code limit} has passed since it was opened; then returns how long the connection lived.
     */
    Optional<Duration> lifetimeWhileTrickling(String text, Duration interval, Duration limit) {
        int next = 0;
        while (!isClosedByServer() && age().compareTo(limit) < 0) {
            if (next < text.length()) {
                send(text.substring(next, next + 1));
                next++;
            }
            closesWithin(interval);
        }
        return lifetime();
    }

    /** How long the connection lived until the server closed it; empty while it is open. */
    Optional<Duration> lifetime() {
        return isClosedByServer() ? Optional.of(Duration.ofNanos(closedAt - openedAt)) : Optional.empty();
    }

    boolean isClosedByServer() {
        return closedAt != 0;
    }

    /**
     * The next whole response on a kept-alive connection (head and {@code Content-Length} body), or
     * whatever arrived of it when {@code wait} ran out or the server closed.
     */
    String nextResponse(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (completeResponseLength() < 0 && !isClosedByServer() && System.nanoTime() < deadline) {
            closesWithin(Duration.ofMillis(50));
        }
        int length = completeResponseLength();
        String text = received().substring(taken);
        String response = length < 0 ? text : text.substring(0, length);
        taken += response.length();
        return response;
    }

    private int completeResponseLength() {
        String text = received().substring(taken);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return -1;
        }
        Matcher contentLength = CONTENT_LENGTH.matcher(text.substring(0, headEnd));
        int bodyLength = contentLength.find() ? Integer.parseInt(contentLength.group(1)) : 0;
        int total = headEnd + 4 + bodyLength;
        return text.length() >= total ? total : -1;
    }

    /** Everything the server sent so far. */
    String received() {
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of the first response received, or -1 before one arrived. */
    int status() {
        String text = received();
        return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    private Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedAt);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort in tests
        }
    }
}
