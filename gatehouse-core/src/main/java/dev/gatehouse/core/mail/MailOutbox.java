package dev.gatehouse.core.mail;

import dev.gatehouse.core.Transactions;
import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.EmailAddress;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a use case calls to send a mail: {@code outbox.send(MailKind.PASSWORD_CHANGED, account)} inside
 * its {@code Transactions.inOne} group, so the mail is queued if and only if the change it announces
 * commits. The delivery worker is woken once the group is durable; a node that dies before sending
 * leaves the row for the next one to claim.
 */
public final class MailOutbox {
    private final MailOutboxStore store;
    private final Clock clock;
    private final Transactions transactions;
    private final Runnable wakeDelivery;

    public MailOutbox(MailOutboxStore store, Clock clock, Transactions transactions, Runnable wakeDelivery) {
        this.store = store;
        this.clock = clock;
        this.transactions = transactions;
        this.wakeDelivery = wakeDelivery;
    }

    /** Queues a mail of {@code kind} to the account's address. */
    public void send(MailKind kind, Account account) {
        sendTo(kind, account.email(), Optional.of(account.id()));
    }

    /** Queues a mail of {@code kind} to {@code recipient}, about {@code account} when known. */
    public void sendTo(MailKind kind, EmailAddress recipient, Optional<AccountId> account) {
        store.add(kind, recipient, account, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        transactions.afterCommit(wakeDelivery);
    }

    /**
     * Frees the rows a crashed run of this node had claimed, so they go out now rather than when their
     * claims run out. Only for a node that is the only one sending (the embedded store).
     */
    public int releaseClaimsOfTheOnlyNode() {
        return store.releaseClaims();
    }

    /** Mails waiting to be sent. */
    public long pending() {
        return store.pending();
    }
}
