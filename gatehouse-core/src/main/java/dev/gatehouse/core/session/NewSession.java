package dev.gatehouse.core.session;

import java.util.List;

/**
 * A session just started, with the one copy of its token that will ever exist outside the client.
 *
 * @param endedByCap the account's least recently used sessions ended to keep it within the cap
 */
public record NewSession(Session session, SessionToken token, List<SessionId> endedByCap) {

    public NewSession {
        endedByCap = List.copyOf(endedByCap);
    }
}
