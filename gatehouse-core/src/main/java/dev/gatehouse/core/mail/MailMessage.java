package dev.gatehouse.core.mail;

import dev.gatehouse.core.account.EmailAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A mail composed and ready to send: the transport renders its text and HTML from the kind.
 *
 * @param link the page it points at, token included, when it has one
 * @param linkLifetime how long the link works
 * @param outboxId the outbox row it came from: a stable name for the {@code .eml} file and the logs
 */
public record MailMessage(long outboxId, MailKind kind, EmailAddress to, Optional<String> link, Duration linkLifetime) {

    /** Never the link: it carries a token. */
    @Override
    public String toString() {
        return "MailMessage[" + outboxId + ", " + kind.wireName() + "]";
    }
}
