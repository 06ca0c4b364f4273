package dev.gatehouse.core.account;

/** What became of a sign-up. */
public sealed interface SignUpOutcome {

    record Created(Account account) implements SignUpOutcome {}

    /** The address belongs to an account already; the edge must not tell the caller so. */
    record AlreadyRegistered() implements SignUpOutcome {}

    record InvalidEmail() implements SignUpOutcome {}

    record WeakPassword(PasswordProblem problem) implements SignUpOutcome {}
}
