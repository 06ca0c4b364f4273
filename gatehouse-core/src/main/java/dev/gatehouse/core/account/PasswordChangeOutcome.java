package dev.gatehouse.core.account;

/** What became of a password change. */
public sealed interface PasswordChangeOutcome {

    /** @param otherSessionsEnded how many other sessions of the account the change ended */
    record Changed(Account account, int otherSessionsEnded) implements PasswordChangeOutcome {}

    record WrongCurrentPassword() implements PasswordChangeOutcome {}

    record WeakPassword(PasswordProblem problem) implements PasswordChangeOutcome {}

    /**
     * The account has a second factor and the session has not shown it within the step-up window: the
     * current code of the authenticator app must come with the change. Nothing changed.
     */
    record SecondFactorRequired() implements PasswordChangeOutcome {}
}
