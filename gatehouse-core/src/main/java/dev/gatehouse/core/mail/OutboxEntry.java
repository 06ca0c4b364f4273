package dev.gatehouse.core.mail;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * One mail waiting in the outbox.
 *
 * @param account the account the mail is about, when the use case knew it
 * @param attempts how many times it was claimed for sending, this claim included
 */
public record OutboxEntry(
        long id, MailKind kind, EmailAddress recipient, Optional<AccountId> account, int attempts, Instant createdAt) {}
