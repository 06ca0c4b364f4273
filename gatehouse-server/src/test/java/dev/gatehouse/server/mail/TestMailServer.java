package dev.gatehouse.server.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.testkit.Await;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real SMTP server in the test's process (GreenMail), on a free loopback port: plain SMTP, or SMTPS
 * with GreenMail's test certificate, which {@link #trustingItsCertificate()} trusts.
 */
public final class TestMailServer implements AutoCloseable {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+\\?token=[A-Za-z0-9_-]+");

    private final GreenMail greenMail;
    private final boolean tls;

    private TestMailServer(ServerSetup setup, boolean tls) {
        this.greenMail = new GreenMail(setup.dynamicPort());
        this.tls = tls;
        greenMail.start();
    }

    public static TestMailServer plain() {
        return new TestMailServer(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), false);
    }

    public static TestMailServer withTls() {
        return new TestMailServer(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS), true);
    }

    public int port() {
        return tls ? greenMail.getSmtps().getPort() : greenMail.getSmtp().getPort();
    }

    /** {@code GATEHOUSE_SMTP_URL} for this server. */
    public String url() {
        return (tls ? "smtps" : "smtp") + "://127.0.0.1:" + port();
    }

    public List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    public List<MimeMessage> receivedBy(String address) {
        return received().stream()
                .filter(m -> recipient(m).equalsIgnoreCase(address))
                .toList();
    }

    /** Waits for the {@code count}th mail to {@code address} whose subject starts so, and returns it. */
    public MimeMessage awaitMail(String address, String subject, int count) {
        Await.until(
                count + " mail(s) '" + subject + "…' to " + address,
                Duration.ofSeconds(20),
                () -> receivedBy(address, subject).size() >= count);
        return receivedBy(address, subject).get(count - 1);
    }

    private List<MimeMessage> receivedBy(String address, String subject) {
        return receivedBy(address).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith(subject);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** Waits for the {@code count}th mail to {@code address} and returns it. */
    public MimeMessage awaitMail(String address, int count) {
        Await.until(
                count + " mail(s) to " + address,
                Duration.ofSeconds(20),
                () -> receivedBy(address).size() >= count);
        return receivedBy(address).get(count - 1);
    }

    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of the part of {@code type} ({@code text/plain}, {@code text/html}). */
    public static String part(MimeMessage message, String type) {
        try {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + type + " part");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link with a token in the mail's text part. */
    public static String link(MimeMessage message) {
        Matcher matcher = LINK.matcher(part(message, "text/plain"));
        if (!matcher.find()) {
            throw new AssertionError("no link in the mail");
        }
        return matcher.group();
    }

    public static String token(String link) {
        return link.substring(link.indexOf("?token=") + "?token=".length());
    }

    /** Sockets that trust GreenMail's own test certificate (and nothing else). */
    public static SSLSocketFactory trustingItsCertificate() {
        try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
