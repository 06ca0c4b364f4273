package dev.gatehouse.core.account;

/** What became of a password change. */
public sealed interface PasswordChangeOutcome {

    /** @param otherSessionsEnded how many other sessions of the account the change ended */
    record Changed(Account account, int otherSessionsEnded) implements PasswordChangeOutcome {}

    record WrongCurrentPassword() implements PasswordChangeOutcome {}

    record WeakPassword(PasswordProblem problem) implements PasswordChangeOutcome {}
}
