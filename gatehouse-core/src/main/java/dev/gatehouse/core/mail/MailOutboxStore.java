package dev.gatehouse.core.mail;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where mails wait until sent. Adapters must pass {@code MailOutboxStoreContract} in the testkit; a
 * claim must hand each row to one claimer only, however many nodes claim at once.
 */
public interface MailOutboxStore {

    /** Queues a mail, due at once; part of the caller's transaction when it is in one. */
    void add(MailKind kind, EmailAddress recipient, Optional<AccountId> account, Instant at);

    /**
     * Claims up to {@code limit} rows due at {@code now} and claimed by no one (or whose claim ran out),
     * oldest first, until {@code claimedUntil}; counts an attempt on each.
     */
    List<OutboxEntry> claim(Instant now, Instant claimedUntil, int limit);

    /** The mail was sent (or there was nothing to send): the row goes. */
    void delivered(long id);

    /** Sending failed: the row is due again at {@code next}, its claim released. */
    void retryAt(long id, Instant next, String error);

    /** Sending failed too often: the row stays, never claimed again, for an operator to look at. */
    void giveUp(long id, String error);

    /**
     * Ends every claim now, for a single node starting again after a crash: no other node can hold the
     * rows its dead self had claimed, so they need not wait for their claims to run out. Returns how many.
     */
    int releaseClaims();

    /** Rows not yet sent and not given up: a gauge, and what tests wait on. */
    long pending();
}
