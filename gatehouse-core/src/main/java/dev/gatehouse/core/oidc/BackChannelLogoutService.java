package dev.gatehouse.core.oidc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.session.SessionExpiryListener;
import dev.gatehouse.core.session.SessionId;
import dev.gatehouse.core.session.SessionRevocationListener;
import dev.gatehouse.jwt.SigningAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * OpenID Connect Back-Channel Logout 1.0. When a browser session ends — sign-out, "log out everywhere",
 * an administrator, a detected reuse: every path goes through {@link #sessionRevoked}; or simply expires:
 * {@link #sessionsExpiring} — each client with
 * a back-channel logout URI that received tokens for it gets a logout token. The deliveries wait in a
 * durable outbox, written before the session is deleted, and are retried with exponential backoff until
 * one is answered 200 or {@link #MAX_ATTEMPTS} have failed.
 */
public final class BackChannelLogoutService implements SessionRevocationListener, SessionExpiryListener {
    static final int MAX_ATTEMPTS = 10;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    /** How long a node has to finish an attempt before another may take the delivery. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private static final int BATCH = 20;
    /**
     * How many deliveries of a batch are under way at once: one slow app does not hold up the others,
     * and a batch of slow ones (3 s to connect, 5 s to answer each) ends in 3 rounds, within the lease.
     */
    static final int PARALLEL_DELIVERIES = 8;

    private static final System.Logger LOG = System.getLogger("gatehouse.backchannel");

    private final BackChannelLogoutStore store;
    private final ClientService clients;
    private final IdTokens idTokens;
    private final LogoutDelivery delivery;
    private final Clock clock;
    private final RandomSource random;

    public BackChannelLogoutService(
            BackChannelLogoutStore store,
            ClientService clients,
            IdTokens idTokens,
            LogoutDelivery delivery,
            Clock clock,
            RandomSource random) {
        this.store = store;
        this.clients = clients;
        this.idTokens = idTokens;
        this.delivery = delivery;
        this.clock = clock;
        this.random = random;
    }

    /** Remembers that {@code client} received tokens for {@code session}, when it has a back-channel URI. */
    public void tokensIssued(Client client, SessionId session, AccountId account) {
        if (client.signIn().backchannelLogoutUri().isPresent()) {
            store.link(session, client.id(), account);
        }
    }

    /** Called before the session is deleted: one outbox entry per client to tell. */
    @Override
    public void sessionRevoked(SessionId session) {
        Instant now = now();
        for (var clientId : store.clientsOf(session)) {
            Optional<Client> client = clients.find(clientId.value());
            Optional<String> uri = client.flatMap(c -> c.signIn().backchannelLogoutUri());
            Optional<String> subject = store.subjectOf(session, clientId);
            if (uri.isPresent() && subject.isPresent()) {
                store.enqueue(new PendingLogout(
                        HexFormat.of().formatHex(random.nextBytes(16)),
                        clientId,
                        uri.get(),
                        subject.get(),
                        session,
                        0,
                        now,
                        now,
                        Optional.empty()));
            }
        }
    }

    /**
     * Called by the purge before it deletes expired sessions, in its transaction: the same logout token as
     * for a sign-out (Back-Channel Logout 1.0 section 2.7 lets an OP send one whenever a session ends).
     */
    @Override
    public void sessionsExpiring(List<SessionId> sessions) {
        sessions.forEach(this::sessionRevoked);
    }

    /**
     * Attempts every delivery that is due, up to {@link #PARALLEL_DELIVERIES} at once on virtual threads,
     * and returns when all are done: how many were delivered. Any node may run this.
     */
    public int deliverDue() {
        Instant now = now();
        List<PendingLogout> claimed = store.due(now, BATCH).stream()
                .filter(pending -> store.claim(pending.id(), pending.nextAttemptAt(), now.plus(LEASE)))
                .toList();
        if (claimed.isEmpty()) {
            return 0;
        }
        Semaphore permits = new Semaphore(PARALLEL_DELIVERIES);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PendingLogout pending : claimed) {
                attempts.add(workers.submit(() -> {
                    permits.acquire();
                    try {
                        return attempt(pending, now);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        int delivered = 0;
        for (Future<Boolean> attempt : attempts) {
            if (attempt.state() == Future.State.SUCCESS && attempt.resultNow()) {
                delivered++;
            } else if (attempt.state() == Future.State.FAILED) {
                LOG.log(System.Logger.Level.WARNING, "back-channel logout attempt failed", attempt.exceptionNow());
            }
        }
        return delivered;
    }

    /** One attempt of a claimed delivery; true when delivered. */
    private boolean attempt(PendingLogout pending, Instant now) {
        // One jti per attempt (section 2.4): the outbox entry and its attempt number.
        // Signed like the client's ID tokens: the same decoder settings verify both.
        SigningAlgorithm algorithm = clients.find(pending.clientId().value())
                .map(IdTokens::algorithmFor)
                .orElse(KeyService.ID_TOKEN_ALGORITHM);
        String token = idTokens.logoutToken(
                pending.clientId(),
                algorithm,
                pending.subject(),
                pending.sessionId(),
                pending.id() + "." + pending.attempts());
        switch (delivery.deliver(pending.uri(), token)) {
            case LogoutDelivery.Outcome.Delivered ok -> {
                store.remove(pending.id());
                return true;
            }
            case LogoutDelivery.Outcome.Refused refused -> {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "back-channel logout to " + pending.clientId() + " refused: " + refused.reason());
                store.remove(pending.id());
                return false;
            }
            case LogoutDelivery.Outcome.Failed failed -> {
                retryOrGiveUp(pending, failed.reason(), now);
                return false;
            }
        }
    }

    private void retryOrGiveUp(PendingLogout pending, String reason, Instant now) {
        int attempts = pending.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "back-channel logout to " + pending.clientId() + " given up after " + attempts + " attempts: "
                            + reason);
            store.remove(pending.id());
            return;
        }
        store.reschedule(pending.id(), attempts, now.plus(backoff(attempts)), reason);
    }

    /** The deliveries to {@code client} still waiting, oldest first: what operators and tests look at. */
    public java.util.List<PendingLogout> pending(dev.gatehouse.core.client.ClientId client) {
        return store.pendingFor(client);
    }

    /** 5 s, 10 s, 20 s, ... at most an hour. */
    static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
