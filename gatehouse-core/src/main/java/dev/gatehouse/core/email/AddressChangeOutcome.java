package dev.gatehouse.core.email;

import dev.gatehouse.core.account.Account;
import java.time.Duration;

/** What became of asking to change an account's address, or of confirming the change. */
public sealed interface AddressChangeOutcome {

    /** The link is on its way to the new address and the old one is told; nothing changed yet. */
    record Requested() implements AddressChangeOutcome {}

    /** The link was followed: the account has the new, verified address. */
    record Changed(Account account) implements AddressChangeOutcome {}

    record WrongPassword() implements AddressChangeOutcome {}

    /**
     * The account has a second factor the session has not shown lately: send the password with the
     * app's current code (a wrong password or code answers this too, counted as a failed login).
     */
    record SecondFactorRequired() implements AddressChangeOutcome {}

    record Throttled(Duration retryAfter) implements AddressChangeOutcome {}

    /** Not an address, or the account's own. */
    record InvalidEmail() implements AddressChangeOutcome {}

    /** Unknown, used, superseded, expired or tampered link, or another account took the address meanwhile. */
    record InvalidToken() implements AddressChangeOutcome {}
}
