package dev.gatehouse.server.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * An SMTP front that offers STARTTLS (RFC 3207) with a certificate made for the test (for 127.0.0.1,
 * by the JDK's keytool), then relays the encrypted session to a plain GreenMail behind it: GreenMail
 * itself speaks TLS only from the first byte.
 */
final class StartTlsRelay implements AutoCloseable {
    private static final String PASSWORD = "changeit";

    private final ServerSocket listener;
    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final int backendPort;

    StartTlsRelay(Path directory, int backendPort) {
        this.backendPort = backendPort;
        try {
            KeyStore keys = testCertificate(directory);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keyManagers.getKeyManagers(), null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keys);
            clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trust.getTrustManagers(), null);
            listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Sockets that trust the relay's certificate, as a deployment's trust store would. */
    SSLSocketFactory trustingItsCertificate() {
        return clientContext.getSocketFactory();
    }

    private static KeyStore testCertificate(Path directory) throws IOException, GeneralSecurityException {
        Path file = directory.resolve("smtp-test.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "smtp",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        PASSWORD))
                .redirectErrorStream(true)
                .start();
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            write(out, "220 relay ESMTP\r\n");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-relay\r\n250 STARTTLS\r\n");
                } else if (command.startsWith("STARTTLS")) {
                    write(out, "220 go ahead\r\n");
                    relayEncrypted(client);
                    return;
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 bye\r\n");
                    return;
                } else {
                    write(out, "530 must issue STARTTLS first\r\n");
                }
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private void relayEncrypted(Socket client) throws IOException {
        SSLSocketFactory factory = serverContext.getSocketFactory();
        try (SSLSocket tls = (SSLSocket) factory.createSocket(client, null, client.getPort(), false);
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            tls.setUseClientMode(false);
            tls.startHandshake();
            InputStream fromBackend = backend.getInputStream();
            // GreenMail's greeting: the client had the relay's already.
            int read;
            while ((read = fromBackend.read()) != -1 && read != '\n') {
                // skip
            }
            Thread upstream = Thread.ofVirtual().start(() -> pipe(tls, backend));
            pipe(backend, tls);
            upstream.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // One side closed: the session is over.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
