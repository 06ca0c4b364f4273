package dev.gatehouse.core.mail;

/** How composed mails leave: SMTP, or files in an outbox folder. Implemented by the server. */
@FunctionalInterface
public interface MailTransport {

    /** Sends {@code message}, or throws {@link MailDeliveryException} to have it tried again later. */
    void send(MailMessage message);
}
