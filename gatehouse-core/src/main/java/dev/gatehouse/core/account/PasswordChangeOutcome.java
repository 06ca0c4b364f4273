package dev.gatehouse.core.account;

/** What became of a password change. */
public sealed interface PasswordChangeOutcome {

    record Changed(Account account) implements PasswordChangeOutcome {}

    record WrongCurrentPassword() implements PasswordChangeOutcome {}

    record WeakPassword(PasswordProblem problem) implements PasswordChangeOutcome {}
}
