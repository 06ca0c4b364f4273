package dev.gatehouse.server.mail;

import dev.gatehouse.core.mail.MailDeliveryException;
import dev.gatehouse.core.mail.MailMessage;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Turns a composed mail into a MIME message: {@code multipart/alternative} with a text and an HTML
 * body, both rendered from templates by the engine the pages use, naming the product and the issuer's
 * host.
 */
public final class MailRenderer {
    /** The pages' precompiled templates; the mail templates sit among them under {@code mail/}. */
    private static final String TEMPLATE_PACKAGE = "dev.gatehouse.server.pages.templates";

    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, TEMPLATE_PACKAGE);
    private final InternetAddress from;
    private final String issuer;
    private final String host;
    private final Clock clock;

    /** @param from the sender, {@code Name <address>} or an address */
    public MailRenderer(String from, URI issuer, Clock clock) {
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("GATEHOUSE_MAIL_FROM is not a mail address: " + e.getMessage(), e);
        }
        this.issuer = issuer.toString();
        this.host = issuer.getHost();
        this.clock = clock;
    }

    /** The message, ready for a transport of {@code session} (or to be written to a file). */
    public MimeMessage render(Session session, MailMessage message) {
        MailContent content = MailTexts.of(message, issuer, host);
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(from);
            mime.setRecipient(
                    jakarta.mail.Message.RecipientType.TO,
                    new InternetAddress(message.to().value()));
            mime.setSubject(content.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(Date.from(clock.instant()));
            mime.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834 section 5: no auto-replies
            MimeBodyPart text = new MimeBodyPart();
            text.setText(render("mail/text.jte", content), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(render("mail/html.jte", content), StandardCharsets.UTF_8.name(), "html");
            // RFC 2046 section 5.1.4: the richest alternative last.
            mime.setContent(new MimeMultipart("alternative", text, html));
            mime.saveChanges();
            return mime;
        } catch (MessagingException e) {
            throw new MailDeliveryException("mail " + message.outboxId() + " could not be composed", e);
        }
    }

    private String render(String template, MailContent content) {
        StringOutput output = new StringOutput();
        engine.render(template, content, output);
        return output.toString();
    }
}
