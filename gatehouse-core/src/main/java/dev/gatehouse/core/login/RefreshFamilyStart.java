package dev.gatehouse.core.login;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.session.Session;

/**
 * A token login's refresh family, stored in the same transaction as the session the login starts: neither
 * is durable without the other, and the login waits for one commit, not two. It runs inside
 * {@link dev.gatehouse.core.Transactions#inOne}, so it makes store calls and nothing slow.
 */
@FunctionalInterface
public interface RefreshFamilyStart {

    /** Stores the family of {@code session}'s refresh tokens for {@code client}; returns the first token. */
    String start(Account account, Session session, Client client, String scope);
}
