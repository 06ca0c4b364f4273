package dev.gatehouse.core.email;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.PasswordProblem;

/** What became of setting a new password with a reset link. */
public sealed interface PasswordResetOutcome {

    /** @param sessionsEnded every session the account had, and so every token of each */
    record Completed(Account account, int sessionsEnded) implements PasswordResetOutcome {}

    /** Unknown, used, superseded, expired or tampered: one answer for all. */
    record InvalidToken() implements PasswordResetOutcome {}

    /** The token is still good; the password is not. */
    record WeakPassword(PasswordProblem problem) implements PasswordResetOutcome {}
}
