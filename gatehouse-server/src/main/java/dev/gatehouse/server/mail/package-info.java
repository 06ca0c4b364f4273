/**
 * How mails leave the server: {@link SmtpTransport} over SMTP with STARTTLS or TLS (Angus Mail), or
 * {@link EmlFileTransport} into the data directory's outbox folder when no SMTP server is configured;
 * both render the text and HTML bodies with {@link MailRenderer} from the same template engine as the
 * pages. {@link MailWorker} runs the core's outbox delivery in the background.
 */
@NullMarked
package dev.gatehouse.server.mail;

import org.jspecify.annotations.NullMarked;
