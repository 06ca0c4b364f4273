package dev.gatehouse.server.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 form POST over a connection to an address resolved and checked beforehand, so that a
 * name cannot answer the check with a public address and the connection with an internal one (DNS
 * rebinding). The request still names the host: {@code Host} header, TLS server name (SNI), and the
 * certificate is verified against the host name (RFC 9110 section 4.3.4, RFC 6125), never the address.
 * Only the status is read; redirects are answers like any other, never followed.
 */
final class PinnedFormPost {
    private static final int MAX_STATUS_LINE = 8 * 1024;

    private final Supplier<SSLSocketFactory> tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    PinnedFormPost(Supplier<SSLSocketFactory> tls, Duration connectTimeout, Duration readTimeout) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Posts {@code body} ({@code application/x-www-form-urlencoded}) to {@code target} at {@code address}. */
    int post(URI target, InetAddress address, String body) throws IOException {
        boolean https = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() != -1 ? target.getPort() : https ? 443 : 80;
        String host = target.getHost();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), Math.toIntExact(connectTimeout.toMillis()));
            plain.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            Socket socket = https ? secure(plain, host, port) : plain;
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            String request = "POST " + path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                    + " HTTP/1.1\r\n"
                    + "Host: " + target.getRawAuthority() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + content.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return status(socket, System.nanoTime() + readTimeout.toNanos());
        } finally {
            plain.close();
        }
    }

    private Socket secure(Socket plain, String host, int port) throws IOException {
        boolean literal = host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        SSLSocket socket = (SSLSocket) tls.get().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        // The certificate must name the host the client registered, not the address connected to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!literal) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /**
     * The status code of the status line ({@code HTTP/1.1 200 OK}), read by {@code deadline}
     * ({@link System#nanoTime}): an app dripping a byte at a time cannot hold the worker longer.
     */
    private int status(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = 0;
        while (b != '\n') {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new IOException("no status line within " + readTimeout.toMillis() + " ms");
            }
            socket.setSoTimeout(Math.toIntExact(left));
            b = in.read();
            if (b == -1) {
                break;
            }
            if (line.size() >= MAX_STATUS_LINE) {
                throw new IOException("status line over " + MAX_STATUS_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII).strip();
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("not an HTTP/1.x status line: " + text.substring(0, Math.min(text.length(), 40)));
        }
        return Integer.parseInt(parts[1]);
    }
}
