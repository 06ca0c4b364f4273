package dev.gatehouse.core.login;

import dev.gatehouse.core.session.Session;
import java.time.Duration;

/** What became of a signed-in person proving again who they are before a sensitive act. */
public sealed interface StepUpOutcome {

    /** Proved: the session as it is now, authenticated just now by what was shown. */
    record Confirmed(Session session) implements StepUpOutcome {}

    /** A wrong password or code (or none where one is needed); counted as a failed login. */
    record Refused() implements StepUpOutcome {}

    /** Too many attempts for the account or the address; nothing was checked. */
    record Throttled(Duration retryAfter) implements StepUpOutcome {}
}
