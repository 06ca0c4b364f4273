package dev.gatehouse.core.login;

import java.time.Duration;

/** What became of a signed-in person typing their password again before a sensitive act. */
public sealed interface PasswordConfirmation {

    record Confirmed() implements PasswordConfirmation {}

    /** Wrong password (or the account is locked now); counted as a failed login. */
    record Refused() implements PasswordConfirmation {}

    /** Too many attempts for the account or the address; no password was checked. */
    record Throttled(Duration retryAfter) implements PasswordConfirmation {}
}
