package dev.gatehouse.core.session;

import java.util.List;

/**
 * Told about the browser sessions the purge is about to delete because they expired, in the purge's
 * transaction: what must happen when a session ends also happens when it simply runs out (the apps
 * signed in through it hear about it by back-channel logout). Verifiers need no word: the tokens of an
 * expired session expire with it.
 */
@FunctionalInterface
public interface SessionExpiryListener {
    SessionExpiryListener NONE = ids -> {};

    void sessionsExpiring(List<SessionId> ids);
}
