package dev.gatehouse.server.mail;

import dev.gatehouse.core.mail.MailDelivery;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the outbox's delivery in the background: at once when a use case queued a mail (the outbox
 * wakes it after the commit), and every {@link #POLL_INTERVAL} otherwise, for retries that fell due
 * and for rows another node queued or left behind when it died.
 */
public final class MailWorker implements AutoCloseable {
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger("gatehouse.mail");

    private final MailDelivery delivery;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private @Nullable Thread thread;

    public MailWorker(MailDelivery delivery) {
        this.delivery = delivery;
    }

    /** What the outbox calls after a commit that queued a mail. */
    public void wake() {
        wake.release();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("gatehouse-mail").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                if (delivery.deliverDue() == 0) {
                    wake.tryAcquire(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "mail delivery failed: " + e.getMessage());
                try {
                    Thread.sleep(AFTER_FAILURE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops after the mail being sent, if any; rows it had claimed are claimed again later. */
    @Override
    public synchronized void close() {
        running = false;
        Thread started = thread;
        if (started == null) {
            return; // a CLI command: never started
        }
        started.interrupt();
        try {
            started.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
