package dev.gatehouse.server.mail;

import dev.gatehouse.core.mail.MailDeliveryException;
import dev.gatehouse.core.mail.MailMessage;
import dev.gatehouse.core.mail.MailTransport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends over SMTP with Angus Mail. {@code smtp://} must upgrade with STARTTLS (RFC 3207) unless
 * plain text is allowed for development; {@code smtps://} speaks TLS from the first byte (RFC 8314).
 * Either way the server's certificate and host name are checked. The password is used to log in and
 * never appears in a message or log line.
 */
public final class SmtpTransport implements MailTransport {
    private static final String TIMEOUT_MILLIS = "10000";

    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final Optional<String> user;
    private final Optional<String> password;
    private final MailRenderer renderer;

    private SmtpTransport(
            Session session,
            String protocol,
            String host,
            int port,
            Optional<String> user,
            Optional<String> password,
            MailRenderer renderer) {
        this.session = session;
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.renderer = renderer;
    }

    /** A transport for {@code url}, trusting the JDK's certificate authorities. */
    public static SmtpTransport of(String url, boolean allowPlaintext, MailRenderer renderer) {
        return of(url, allowPlaintext, renderer, Optional.empty());
    }

    /** A transport for {@code url} that trusts the certificates {@code tls} trusts (a test's own). */
    public static SmtpTransport of(
            String url, boolean allowPlaintext, MailRenderer renderer, Optional<SSLSocketFactory> tls) {
        URI uri = URI.create(url.strip());
        String protocol = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new IllegalArgumentException("GATEHOUSE_SMTP_URL must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("GATEHOUSE_SMTP_URL names no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : protocol.equals("smtps") ? 465 : 587;
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.of("") : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        Properties properties = new Properties();
        String p = "mail." + protocol + ".";
        properties.put(p + "host", uri.getHost());
        properties.put(p + "port", Integer.toString(port));
        properties.put(p + "auth", Boolean.toString(user.isPresent()));
        properties.put(p + "connectiontimeout", TIMEOUT_MILLIS);
        properties.put(p + "timeout", TIMEOUT_MILLIS);
        properties.put(p + "writetimeout", TIMEOUT_MILLIS);
        properties.put(p + "ssl.checkserveridentity", "true");
        if (protocol.equals("smtp")) {
            properties.put(p + "starttls.enable", "true");
            properties.put(p + "starttls.required", Boolean.toString(!allowPlaintext));
        }
        tls.ifPresent(factory -> properties.put(p + "ssl.socketFactory", factory));
        return new SmtpTransport(
                Session.getInstance(properties), protocol, uri.getHost(), port, user, password, renderer);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public void send(MailMessage message) {
        MimeMessage mime = renderer.render(session, message);
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(host, port, user.orElse(null), password.orElse(null));
            transport.sendMessage(mime, mime.getAllRecipients());
        } catch (MessagingException e) {
            throw new MailDeliveryException(
                    "SMTP server " + host + ":" + port + " did not take mail " + message.outboxId(), e);
        }
    }

    /** Where mail goes, for the start-up print: never the credential. */
    public String describe() {
        return protocol + "://" + host + ":" + port + (user.isPresent() ? " as " + user.get() : "");
    }
}
