package dev.gatehouse.core.mail;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One round of the outbox worker: claim the due rows, compose and send each, then delete it, or retry
 * it later with exponential backoff (30 s, 1 min, 2 min … capped at 1 h), giving up after
 * {@value #MAX_ATTEMPTS} attempts. A claim lasts {@link #CLAIM}: a node that dies holding rows delays
 * them by that much, and then another node (or this one, restarted) sends them.
 */
public final class MailDelivery {
    static final int MAX_ATTEMPTS = 12;
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final int BATCH = 10;
    private static final System.Logger LOG = System.getLogger("gatehouse.mail");

    private final MailOutboxStore store;
    private final MailComposer composer;
    private final MailTransport transport;
    private final Clock clock;

    public MailDelivery(MailOutboxStore store, MailComposer composer, MailTransport transport, Clock clock) {
        this.store = store;
        this.composer = composer;
        this.transport = transport;
        this.clock = clock;
    }

    /** Sends what is due; returns how many rows were claimed (0: nothing due now). */
    public int deliverDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<OutboxEntry> due = store.claim(now, now.plus(CLAIM), BATCH);
        for (OutboxEntry entry : due) {
            deliver(entry);
        }
        return due.size();
    }

    private void deliver(OutboxEntry entry) {
        try {
            Optional<MailMessage> message = composer.compose(entry);
            if (message.isPresent()) {
                transport.send(message.get());
                LOG.log(Level.INFO, "mail " + entry.id() + " (" + entry.kind().wireName() + ") sent");
            } else {
                LOG.log(Level.DEBUG, "mail " + entry.id() + " (" + entry.kind().wireName() + ") had nothing to send");
            }
            store.delivered(entry.id());
        } catch (MailDeliveryException e) {
            String error = e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            if (entry.attempts() >= MAX_ATTEMPTS) {
                LOG.log(
                        Level.ERROR,
                        "mail " + entry.id() + " given up after " + entry.attempts() + " attempts: " + error);
                store.giveUp(entry.id(), error);
            } else {
                Duration wait = backoff(entry.attempts());
                LOG.log(
                        Level.WARNING,
                        "mail " + entry.id() + " not sent (attempt " + entry.attempts() + " of " + MAX_ATTEMPTS
                                + "), next in " + wait.toSeconds() + " s: " + error);
                store.retryAt(entry.id(), clock.instant().plus(wait), error);
            }
        }
    }

    /** 30 s after the first failed attempt, doubling, at most an hour. */
    static Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 16);
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }
}
