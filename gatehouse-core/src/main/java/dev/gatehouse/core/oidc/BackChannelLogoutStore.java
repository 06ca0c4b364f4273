package dev.gatehouse.core.oidc;

import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.client.ClientId;
import dev.gatehouse.core.session.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which clients received tokens for which session, and the outbox of logout tokens to deliver. Adapters
 * pass {@code BackChannelLogoutStoreContract}.
 */
public interface BackChannelLogoutStore {

    /** Remembers that {@code client} received tokens for {@code session}; once per pair. */
    void link(SessionId session, ClientId client, AccountId account);

    /** The clients that received tokens for {@code session}, by id. */
    List<ClientId> clientsOf(SessionId session);

    /** The account {@code client} received tokens about in {@code session}: the logout token's {@code sub}. */
    Optional<String> subjectOf(SessionId session, ClientId client);

    void enqueue(PendingLogout logout);

    /** Up to {@code limit} deliveries due at {@code now}, oldest first. */
    List<PendingLogout> due(Instant now, int limit);

    /**
     * Takes a due delivery for this node until {@code leaseUntil}: false when another node took it
     * first (its next attempt time is no longer {@code expectedNextAttempt}).
     */
    boolean claim(String id, Instant expectedNextAttempt, Instant leaseUntil);

    /** Delivered, or given up: removed from the outbox. */
    void remove(String id);

    /** Failed: tried again at {@code nextAttemptAt}. */
    void reschedule(String id, int attempts, Instant nextAttemptAt, String error);

    /** The pending delivery with this id, for tests and operators. */
    Optional<PendingLogout> find(String id);

    /** Every pending delivery to {@code client}, oldest first. */
    List<PendingLogout> pendingFor(ClientId client);
}
