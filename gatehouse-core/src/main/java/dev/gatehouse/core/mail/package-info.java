/**
 * Mail, delivered durably: a use case queues a mail in the outbox in the same transaction as the change
 * it announces ({@link MailOutbox}); {@link MailDelivery} later claims due rows, composes each mail
 * (minting a link's token only then, so no secret ever waits in a table) and hands it to the
 * {@link MailTransport} the server chose (SMTP, or {@code .eml} files), with retries and backoff.
 */
@NullMarked
package dev.gatehouse.core.mail;

import org.jspecify.annotations.NullMarked;
