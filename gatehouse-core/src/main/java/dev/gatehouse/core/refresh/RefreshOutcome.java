package dev.gatehouse.core.refresh;

import dev.gatehouse.core.session.Session;
import java.time.Duration;

/** What became of a refresh. */
public sealed interface RefreshOutcome {

    /**
     * The successor to hand back; the same one to a predecessor presented within the grace window. {@code
     * session} is the login's live session as the refresh read it: its authentication (a step-up since the
     * login included) goes into the new access token without reading the session again.
     */
    record Rotated(RefreshFamily family, String refreshToken, Session session) implements RefreshOutcome {
        @Override
        public String toString() {
            return "Rotated[family=" + family.id() + "]";
        }
    }

    /**
     * A token older than its successor's grace: stolen, or replayed. Its session, and so every token of
     * that login, is revoked already, and the evidence is in the audit trail.
     */
    record ReuseDetected(RefreshFamily family, int presentedGeneration, Duration sinceRotation)
            implements RefreshOutcome {}

    record Expired(RefreshFamily family) implements RefreshOutcome {}

    /** This login refreshes too often (a looping client); try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements RefreshOutcome {}

    /** Not a token we issued to this client, or its login has ended. */
    record Unknown() implements RefreshOutcome {}
}
