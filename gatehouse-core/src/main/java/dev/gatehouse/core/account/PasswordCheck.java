package dev.gatehouse.core.account;

/** What became of a password check. Every {@link Rejected} looks the same to the caller. */
public sealed interface PasswordCheck {

    record Authenticated(Account account) implements PasswordCheck {}

    /** The reason is for the audit trail and logs, never for the response. */
    record Rejected(Reason reason) implements PasswordCheck {}

    enum Reason {
        MALFORMED_INPUT,
        UNKNOWN_ACCOUNT,
        WRONG_PASSWORD,
        LOCKED
    }
}
