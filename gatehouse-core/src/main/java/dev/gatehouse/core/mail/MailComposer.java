package dev.gatehouse.core.mail;

import java.util.Optional;

/**
 * Turns an outbox row into the mail to send, at the moment of sending: empty when there is nothing to
 * send any more (a reset asked for an address no account has, an address verified meanwhile).
 */
@FunctionalInterface
public interface MailComposer {

    Optional<MailMessage> compose(OutboxEntry entry);
}
