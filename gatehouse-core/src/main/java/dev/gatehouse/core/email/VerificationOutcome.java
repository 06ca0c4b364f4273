package dev.gatehouse.core.email;

import dev.gatehouse.core.account.Account;

/** What became of following a verification link. */
public sealed interface VerificationOutcome {

    record Verified(Account account) implements VerificationOutcome {}

    /** Unknown, used, superseded, expired, tampered, or for an address the account no longer has. */
    record InvalidToken() implements VerificationOutcome {}

    /** A good link with the wrong password: nothing changed, and the link still works. */
    record WrongPassword() implements VerificationOutcome {}
}
